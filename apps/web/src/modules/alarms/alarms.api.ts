import type { Alarm, AlarmDetail, AlarmStats, HandoverCandidate } from '@yiyang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../app/api.js';
import { useStream, type StreamMessage as AppStreamMessage } from '../../app/stream.js';

export const alarmKeys = {
  all: ['alarms'] as const,
  queue: (view: string) => ['alarms', 'queue', view] as const,
  one: (id: string) => ['alarms', 'one', id] as const,
  stats: ['alarms', 'stats'] as const,
  ofElder: (elderId: string, view: string) => ['alarms', 'elder', elderId, view] as const,
};

export function useAlarmQueue(view: 'live' | 'closed' = 'live') {
  return useQuery({ queryKey: alarmKeys.queue(view), queryFn: () => api<{ items: Alarm[] }>('/api/v1/alarms', { query: { view } }) });
}

/** One elder's alarms, for the elder page: those under way, or the latest closed. */
export function useElderAlarms(elderId: string, view: 'live' | 'closed', limit: number) {
  return useQuery({ queryKey: alarmKeys.ofElder(elderId, view), queryFn: () => api<{ items: Alarm[] }>('/api/v1/alarms', { query: { elderId, view, limit } }) });
}

export function useAlarm(id: string) {
  return useQuery({ queryKey: alarmKeys.one(id), queryFn: () => api<AlarmDetail>(`/api/v1/alarms/${id}`) });
}

/** Colleagues the alarm may be handed to; under the alarm's key, so live updates refresh it too. */
export function useHandoverCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...alarmKeys.one(id), 'handover-candidates'],
    queryFn: () => api<{ items: HandoverCandidate[] }>(`/api/v1/alarms/${id}/handover-candidates`),
    enabled,
  });
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

export type StreamMessage = AppStreamMessage<{ alarmId?: string; state?: string; kind?: string; priority?: number }>;

/** Alarm events refresh every alarm query at once; `onMessage` lets a page react (the queue beeps). */
export function useAlarmStream(onMessage?: (m: StreamMessage) => void) {
  return useStream('alarms.', alarmKeys.all, onMessage);
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
