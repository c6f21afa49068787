import WebSocket from 'ws';

export interface Message { topic: string; data: Record<string, unknown> }

/** A signed-in socket on the live feed that collects what the server pushes. */
export async function streamAs(baseUrl: string, token: string) {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
  const messages: Message[] = [];
  const waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  ws.on('message', (raw: Buffer) => {
    const m = JSON.parse(raw.toString()) as Message;
    messages.push(m);
    for (const w of [...waiters]) if (w.match(m)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(m));
  });
  await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  return {
    messages,
    next(match: (m: Message) => boolean, timeoutMs = 5000): Promise<Message> {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching message in time')), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => ws.close(),
  };
}
