import type { DispatchExplanation, ElderPackage, ElderPhone, OrderDetail, ServiceCategory, ServiceItem, ServicePackage } from '@yiyang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import { useStream } from '../../app/stream.js';

/** While the live feed is down, order views still refresh this often. */
const FALLBACK_POLL_MS = 60_000;

export type OrderListAnswer = { items: OrderDetail[]; total: number; counts: Record<string, number> };

export function useOrders(query: Record<string, string | number | undefined>, opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: ['orders', query],
    queryFn: () => api<OrderListAnswer>('/api/v1/orders', { query }),
    placeholderData: (prev) => prev,
    ...(opts.refetchMs ? { refetchInterval: opts.refetchMs } : {}),
  });
}

export function useOrder(id: string | undefined, opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: ['orders', 'one', id],
    queryFn: () => api<OrderDetail>(`/api/v1/orders/${id}`),
    enabled: !!id,
    ...(opts.refetchMs ? { refetchInterval: opts.refetchMs } : {}),
  });
}

/**
 * Order events (`orders.created`, `orders.state_changed`, `orders.sla_breach`) refresh every order
 * query; the server sends each account only what it may see (its area, its visits, its elders).
 */
export function useOrderStream() {
  return useStream('orders.', ['orders']);
}

/** The order list, refreshed by the live feed and polled slowly only while the feed is down. */
export function useLiveOrders(query: Record<string, string | number | undefined>) {
  const connected = useOrderStream();
  return { orders: useOrders(query, connected ? {} : { refetchMs: FALLBACK_POLL_MS }), connected };
}

export function useLiveOrder(id: string | undefined) {
  const connected = useOrderStream();
  return { order: useOrder(id, connected ? {} : { refetchMs: FALLBACK_POLL_MS }), connected };
}

export function useCandidates(id: string | undefined, open: boolean) {
  return useQuery({ queryKey: ['orders', 'candidates', id], queryFn: () => api<{ explanation: DispatchExplanation }>(`/api/v1/orders/${id}/candidates`), enabled: !!id && open });
}

export function useCatalog() {
  return useQuery({ queryKey: ['service-items'], queryFn: () => api<{ categories: ServiceCategory[]; items: ServiceItem[] }>('/api/v1/service-items'), staleTime: 10 * 60_000 });
}

/** One transition (`dispatch`, `check-in`, …) on one order; refreshes every order view after. */
export function useOrderAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: string; body?: unknown }) => api<OrderDetail>(`/api/v1/orders/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orders'] }),
  });
}

export function useCreateOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { elderId: string; itemIds: string[]; window: { start: string; end: string }; notes?: string }) => api<OrderDetail>('/api/v1/orders', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orders'] }),
  });
}

/**
 * The package an elder holds and this month's use of it. Kept under the `orders` key so every order
 * change (placed, cancelled, a live event) refreshes the use counts as well.
 */
const elderPackageKey = (elderId: string) => ['orders', 'elder-package', elderId] as const;

export function useElderPackage(elderId: string) {
  return useQuery({ queryKey: elderPackageKey(elderId), queryFn: () => api<ElderPackage>(`/api/v1/elders/${elderId}/package`) });
}

export function useServicePackages(enabled: boolean) {
  return useQuery({ queryKey: ['service-packages'], queryFn: () => api<{ items: ServicePackage[] }>('/api/v1/service-packages'), enabled, staleTime: 10 * 60_000 });
}

/** Gives the elder a package (replacing the one held), or ends it with `null`. */
export function useChangeElderPackage(elderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { packageId: string; startsOn: string; endsOn: string | null } | null) =>
      api<ElderPackage>(`/api/v1/elders/${elderId}/package`, body ? { method: 'PUT', body } : { method: 'DELETE' }),
    onSuccess: (held) => qc.setQueryData(elderPackageKey(elderId), held),
  });
}

/** The elder's whole number for the helper on the visit; every call is audited on the server. */
export function fetchElderPhone(orderId: string) {
  return api<ElderPhone>(`/api/v1/orders/${orderId}/elder-phone`, { method: 'POST', body: {} });
}

export function fen(n: number): string {
  return `¥${(n / 100).toFixed(2)}`;
}

/** The browser's position, or an error the page can show. */
export function currentPosition(): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject(new Error(e.message)),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  });
}
