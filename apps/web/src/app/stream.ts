import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

export interface StreamMessage<D = Record<string, unknown>> {
  topic: string;
  data: D;
}

interface Subscriber {
  onMessage(m: StreamMessage): void;
  onState(connected: boolean, reconnected: boolean): void;
}

/**
 * One socket per browser tab, however many parts of a page listen (the elder page follows both
 * orders and alarms): opened by the first subscriber, closed after the last one leaves, reopened
 * with a short back-off when the connection drops.
 */
class LiveFeed {
  private readonly subscribers = new Set<Subscriber>();
  private ws: WebSocket | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private ping: ReturnType<typeof setInterval> | undefined;
  private attempt = 0;
  connected = false;

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    if (this.subscribers.size === 1) this.connect();
    return () => {
      this.subscribers.delete(s);
      if (this.subscribers.size === 0) this.disconnect();
    };
  }

  private connect() {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`);
    this.ws = ws;
    ws.onopen = () => {
      const reconnected = this.attempt > 0;
      this.attempt = 0;
      this.connected = true;
      this.ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
      for (const s of this.subscribers) s.onState(true, reconnected);
    };
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as StreamMessage;
      for (const s of this.subscribers) s.onMessage(m);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return; // closed on purpose after the last subscriber left
      this.ws = null;
      this.connected = false;
      clearInterval(this.ping);
      for (const s of this.subscribers) s.onState(false, false);
      this.retry = setTimeout(() => this.connect(), Math.min(1000 * 2 ** this.attempt++, 10_000));
    };
  }

  private disconnect() {
    clearTimeout(this.retry);
    clearInterval(this.ping);
    const ws = this.ws;
    this.ws = null;
    this.connected = false;
    this.attempt = 0;
    ws?.close();
  }
}

const feed = new LiveFeed();

/**
 * The live feed (`/api/v1/stream`, signed in by the session cookie). Every event whose topic
 * starts with `topicPrefix` (e.g. `alarms.`) invalidates the queries under `queryKey`, so the page
 * refetches what changed at once; `onMessage` lets a page react further (the alarm queue beeps).
 * After a reconnect the queries are refetched, so nothing missed while offline stays missing.
 * Returns whether the socket is open: pages poll slowly only while it is not.
 */
export function useStream<D = Record<string, unknown>>(topicPrefix: string, queryKey: QueryKey, onMessage?: (m: StreamMessage<D>) => void) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(feed.connected);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  // The key is compared by value: callers may pass a fresh array literal on every render.
  const keyJson = JSON.stringify(queryKey);
  useEffect(() => {
    const key = JSON.parse(keyJson) as QueryKey;
    setConnected(feed.connected);
    return feed.subscribe({
      onMessage: (m) => {
        if (!m.topic.startsWith(topicPrefix)) return;
        void qc.invalidateQueries({ queryKey: key });
        handler.current?.(m as StreamMessage<D>);
      },
      onState: (open, reconnected) => {
        setConnected(open);
        if (reconnected) void qc.invalidateQueries({ queryKey: key });
      },
    });
  }, [qc, topicPrefix, keyJson]);
  return connected;
}
