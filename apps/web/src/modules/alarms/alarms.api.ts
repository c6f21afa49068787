import type { Alarm, AlarmDetail, AlarmStats } from '@yiyang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.js';

export const alarmKeys = {
  all: ['alarms'] as const,
  queue: (view: string) => ['alarms', 'queue', view] as const,
  one: (id: string) => ['alarms', 'one', id] as const,
  stats: ['alarms', 'stats'] as const,
};

export function useAlarmQueue(view: 'live' | 'closed' = 'live') {
  return useQuery({ queryKey: alarmKeys.queue(view), queryFn: () => api<{ items: Alarm[] }>('/api/v1/alarms', { query: { view } }) });
}

export function useAlarm(id: string) {
  return useQuery({ queryKey: alarmKeys.one(id), queryFn: () => api<AlarmDetail>(`/api/v1/alarms/${id}`) });
}

export function useAlarmStats() {
  return useQuery({ queryKey: alarmKeys.stats, queryFn: () => api<AlarmStats>('/api/v1/alarms/stats') });
}

export function useAlarmAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) => api<Alarm>(`/api/v1/alarms/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: alarmKeys.all }),
  });
}

export interface StreamMessage {
  topic: string;
  data: { alarmId?: string; state?: string; kind?: string; priority?: number };
}

/**
 * The live feed (`/api/v1/stream`, signed in by the session cookie). Every alarm event refreshes
 * the alarm queries at once; `onMessage` lets a page react (the queue beeps). Reconnects with a
 * short back-off, and refetches on reconnect so nothing missed while offline stays missing.
 */
export function useAlarmStream(onMessage?: (m: StreamMessage) => void) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    let ws: WebSocket | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    const connect = (attempt: number) => {
      ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`);
      ws.onopen = () => {
        setConnected(true);
        if (attempt > 0) void qc.invalidateQueries({ queryKey: alarmKeys.all });
        ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
      };
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as StreamMessage;
        if (!m.topic.startsWith('alarms.')) return;
        void qc.invalidateQueries({ queryKey: alarmKeys.all });
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
  }, [qc]);
  return connected;
}

/** A short two-tone alert made with Web Audio (no audio files to ship). */
export function beep(ctx: AudioContext) {
  const now = ctx.currentTime;
  for (const [i, freq] of [880, 660, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + i * 0.18);
    osc.stop(now + i * 0.18 + 0.17);
  }
}

/** Re-renders every second, for ticking ages. */
export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
