import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

export interface StreamMessage<D = Record<string, unknown>> {
  topic: string;
  data: D;
}

/**
 * The live feed (`/api/v1/stream`, signed in by the session cookie). Every event whose topic
 * starts with `topicPrefix` (e.g. `alarms.`) invalidates the queries under `queryKey`, so the page
 * refetches what changed at once; `onMessage` lets a page react further (the alarm queue beeps).
 * Reconnects with a short back-off and refetches on reconnect, so nothing missed while offline
 * stays missing. Returns whether the socket is open: pages poll slowly only while it is not.
 */
export function useStream<D = Record<string, unknown>>(topicPrefix: string, queryKey: QueryKey, onMessage?: (m: StreamMessage<D>) => void) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  // The key is compared by value: callers may pass a fresh array literal on every render.
  const keyJson = JSON.stringify(queryKey);
  useEffect(() => {
    const key = JSON.parse(keyJson) as QueryKey;
    let ws: WebSocket | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    const connect = (attempt: number) => {
      ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`);
      ws.onopen = () => {
        setConnected(true);
        if (attempt > 0) void qc.invalidateQueries({ queryKey: key });
        ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
      };
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as StreamMessage<D>;
        if (!m.topic.startsWith(topicPrefix)) return;
        void qc.invalidateQueries({ queryKey: key });
        handler.current?.(m);
      };
      ws.onclose = () => {
        setConnected(false);
        clearInterval(ping);
        if (!closed) retry = setTimeout(() => connect(attempt + 1), Math.min(1000 * 2 ** attempt, 10_000));
      };
    };
    connect(0);
    return () => {
      closed = true;
      clearTimeout(retry);
      clearInterval(ping);
      ws?.close();
    };
  }, [qc, topicPrefix, keyJson]);
  return connected;
}
