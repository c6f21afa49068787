import type { Assessment, AssessmentResult, CreateAssessment, CreateElder, CreateHealthItem, CreateMeasurement, ElderDetail, ElderImport, ElderList, HealthItem, Measurement, UpdateElder } from '@yiyang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, withQuery } from '../../app/api.js';

export const elderKeys = {
  all: ['elders'] as const,
  list: (q: Record<string, unknown>) => ['elders', 'list', q] as const,
  one: (id: string) => ['elders', 'one', id] as const,
  assessments: (id: string) => ['elders', 'assessments', id] as const,
  healthItems: (id: string) => ['elders', 'health-items', id] as const,
  measurements: (id: string) => ['elders', 'measurements', id] as const,
};

export type ElderQuery = Record<string, string | number | undefined>;

export function useElderList(q: ElderQuery) {
  return useQuery({ queryKey: elderKeys.list(q), queryFn: () => api<ElderList>('/api/v1/elders', { query: q }), placeholderData: (prev) => prev });
}

export function useElder(id: string) {
  // The create form has no id: nothing to load.
  return useQuery({ queryKey: elderKeys.one(id), queryFn: () => api<ElderDetail>(`/api/v1/elders/${id}`), enabled: id !== '' });
}

export function useSaveElder(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateElder | UpdateElder) =>
      id ? api<ElderDetail>(`/api/v1/elders/${id}`, { method: 'PATCH', body }) : api<ElderDetail>('/api/v1/elders', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

export function useElderAction<B, R>(path: (id: string) => string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<R>(path(id), { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: elderKeys.all }),
  });
}

export const useAssessments = (id: string) =>
  useQuery({ queryKey: elderKeys.assessments(id), queryFn: () => api<{ items: Assessment[] }>(`/api/v1/elders/${id}/assessments`) });
export const useCreateAssessment = (id: string) => useElderAction<CreateAssessment, AssessmentResult>((e) => `/api/v1/elders/${e}/assessments`, id);

export const useHealthItems = (id: string) =>
  useQuery({ queryKey: elderKeys.healthItems(id), queryFn: () => api<{ items: HealthItem[] }>(`/api/v1/elders/${id}/health-items`) });
export const useAddHealthItem = (id: string) => useElderAction<CreateHealthItem, HealthItem>((e) => `/api/v1/elders/${e}/health-items`, id);

export const useMeasurements = (id: string) =>
  useQuery({ queryKey: elderKeys.measurements(id), queryFn: () => api<{ items: Measurement[] }>(`/api/v1/elders/${id}/measurements`, { query: { limit: 2000 } }) });
export const useAddMeasurement = (id: string) => useElderAction<CreateMeasurement, Measurement>((e) => `/api/v1/elders/${e}/measurements`, id);

export const exportUrl = (q: ElderQuery, full: boolean) => withQuery('/api/v1/elders/export', { ...q, page: undefined, pageSize: undefined, full: full ? 'true' : undefined });

/** Uploads the workbook as the request body (the API takes the file itself, no multipart). */
export async function uploadImport(file: File, mode: 'all_or_nothing' | 'valid_only'): Promise<ElderImport> {
  const res = await fetch(withQuery('/api/v1/elders/import', { mode, fileName: file.name }), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', accept: 'application/json' },
    body: file,
  });
  const json = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string; details?: unknown } } | ElderImport | undefined;
  if (!res.ok) {
    const e = (json as { error?: { code: string; message: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.details);
  }
  return json as ElderImport;
}

export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['elders', 'import', id],
    queryFn: () => api<ElderImport>(`/api/v1/elders/imports/${id}`),
    enabled: !!id,
    // Poll while the worker is busy; stop once the report is final.
    refetchInterval: (q) => (q.state.data && ['done', 'rejected', 'failed'].includes(q.state.data.status) ? false : 700),
  });
}
