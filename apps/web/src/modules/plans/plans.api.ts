import type { CarePlan, CreateCarePlan } from '@yiyang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';

const plansKey = ['care-plans'] as const;
const holidaysKey = ['holidays'] as const;

export function useCarePlans(elderId: string) {
  return useQuery({ queryKey: [...plansKey, elderId], queryFn: () => api<{ items: CarePlan[] }>('/api/v1/care-plans', { query: { elderId } }) });
}

/** Plans and holidays both create or cancel orders: every plan and order view is refreshed after. */
function useRefreshAfter() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: plansKey }), qc.invalidateQueries({ queryKey: ['orders'] }), qc.invalidateQueries({ queryKey: holidaysKey })]);
}

export function useCreateCarePlan() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: Omit<CreateCarePlan, 'notes' | 'payer'> & Partial<Pick<CreateCarePlan, 'notes' | 'payer'>>) => api<CarePlan>('/api/v1/care-plans', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useStopCarePlan() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api<CarePlan>(`/api/v1/care-plans/${id}/stop`, { method: 'POST', body: { reason } }),
    onSuccess: refresh,
  });
}

export interface Holiday {
  day: string;
  name: string;
}

/** Holidays from `from` on (the server's default: the past year and everything ahead). */
export function useHolidays(from?: string) {
  return useQuery({ queryKey: [...holidaysKey, from ?? ''], queryFn: () => api<{ items: Holiday[] }>('/api/v1/holidays', { query: { from } }) });
}

export function useSetHoliday() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ day, name }: Holiday) => api<Holiday & { cancelledOrders: number }>(`/api/v1/holidays/${day}`, { method: 'PUT', body: { name } }),
    onSuccess: refresh,
  });
}

export function useRemoveHoliday() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (day: string) => api<{ day: string; restoredOrders: number }>(`/api/v1/holidays/${day}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
