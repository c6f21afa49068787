import type { OrgUnit, OrgUnitNode } from '@yiyang/contracts';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from './api.js';
import { useAuth } from './auth.js';

/** Query keys every page shares, so an org change can invalidate them all at once. */
export const orgKeys = {
  all: ['org-units'] as const,
  tree: (rootId?: string | null) => ['org-units', 'tree', rootId ?? null] as const,
  flat: (rootId?: string | null) => ['org-units', 'flat', rootId ?? null] as const,
};

const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * Siblings in the order people know them: by official code (第一网格 before 第二网格), then name.
 * The server orders by path, which follows ids and means nothing to a reader.
 */
function sortNodes(nodes: OrgUnitNode[]): OrgUnitNode[] {
  return [...nodes]
    .sort((a, b) => (a.code && b.code ? collator.compare(a.code, b.code) : a.code ? -1 : b.code ? 1 : 0) || collator.compare(a.name, b.name))
    .map((n) => ({ ...n, children: sortNodes(n.children) }));
}

// Module-level so react-query runs it once per answer rather than on every render.
const sortTree = (data: { roots: OrgUnitNode[] }) => ({ roots: sortNodes(data.roots) });

/** The part of the organisation tree the signed-in user may see, as the server shapes it. */
export function useOrgTree(rootId?: string | null) {
  const { can } = useAuth();
  return useQuery({
    queryKey: orgKeys.tree(rootId),
    queryFn: () => api<{ roots: OrgUnitNode[] }>('/api/v1/org-units', { query: { shape: 'tree', rootId } }),
    select: sortTree,
    enabled: can('org.read'),
    staleTime: 60_000,
  });
}

export function useOrgUnits(rootId?: string | null) {
  const { can } = useAuth();
  return useQuery({
    queryKey: orgKeys.flat(rootId),
    queryFn: () => api<{ items: OrgUnit[] }>('/api/v1/org-units', { query: { shape: 'flat', rootId } }),
    enabled: can('org.read'),
    staleTime: 60_000,
  });
}

/** id → unit, for showing a unit's name wherever only its id is known. */
export function useOrgUnitIndex(): Map<string, OrgUnit> {
  const { data } = useOrgUnits();
  return useMemo(() => new Map((data?.items ?? []).map((u) => [u.id, u])), [data]);
}

interface OrgFilter {
  /** The unit picked in the header; null means the user's whole scope. */
  orgUnitId: string | null;
  setOrgUnitId(id: string | null): void;
}

const OrgFilterContext = createContext<OrgFilter | null>(null);
const STORAGE_KEY = 'yiyang.orgFilter';

export function OrgFilterProvider({ children }: { children: ReactNode }) {
  // Kept per tab, so a reload keeps the picked area but a new sign-in in a new tab starts wide.
  const [orgUnitId, setState] = useState<string | null>(() => sessionStorage.getItem(STORAGE_KEY));
  const value = useMemo<OrgFilter>(
    () => ({
      orgUnitId,
      setOrgUnitId(id) {
        if (id) sessionStorage.setItem(STORAGE_KEY, id);
        else sessionStorage.removeItem(STORAGE_KEY);
        setState(id);
      },
    }),
    [orgUnitId],
  );
  return <OrgFilterContext.Provider value={value}>{children}</OrgFilterContext.Provider>;
}

/** The org unit the user picked in the header; pages pass it to the API as their area filter. */
export function useOrgFilter(): OrgFilter {
  const ctx = useContext(OrgFilterContext);
  if (!ctx) throw new Error('useOrgFilter outside OrgFilterProvider');
  return ctx;
}
