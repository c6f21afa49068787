import type { FastifyBaseLogger } from 'fastify';

/** A text-message gateway (a carrier's SMS API); the built-in one writes to the log. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

export class LogSmsGateway implements SmsGateway {
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(phone: string, text: string) {
    this.log.info({ to: `${phone.slice(0, 3)}****${phone.slice(-4)}`, text }, 'sms (log gateway)');
  }
}

/** Posts each message as JSON to an integrator's URL (the district duty system, a chat bot). */
export async function postWebhook(url: string, message: { subject: string; body: string; alarmId: string | null }) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}
