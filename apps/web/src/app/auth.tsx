import type { CurrentUser, Role } from '@yiyang/contracts';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { ApiError, api, setUnauthenticatedHandler } from './api.js';

interface AuthState {
  /** undefined while the session is being checked, null when signed out. */
  user: CurrentUser | null | undefined;
  login(username: string, password: string): Promise<CurrentUser>;
  logout(): Promise<void>;
  can(permission: string | null | undefined): boolean;
}

const AuthContext = createContext<AuthState | null>(null);
const ME = ['auth', 'me'] as const;

/** Roles that work in the field on a phone and get the large-type mobile pages under /m. */
export const MOBILE_ROLES: readonly Role[] = ['caregiver', 'responder', 'family'];

export function homePathFor(user: CurrentUser): string {
  return MOBILE_ROLES.includes(user.role) ? '/m' : '/';
}

/**
 * Drops every cached answer except the session itself: what one user saw must not show for the
 * next. (queryClient.clear() would also detach the mounted session query from the cache.)
 */
function forgetEverythingBut(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME,
    queryFn: async () => {
      try {
        return await api<CurrentUser>('/api/v1/auth/me', { expectUnauthenticated: true });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

  useEffect(() => {
    // A lapsed session anywhere drops every cached answer: the next user must not see them.
    setUnauthenticatedHandler(() => {
      forgetEverythingBut(queryClient);
      queryClient.setQueryData(ME, null);
    });
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api<{ user: CurrentUser }>('/api/v1/auth/login', {
        method: 'POST',
        body: { username, password },
        expectUnauthenticated: true,
      });
      forgetEverythingBut(queryClient);
      sessionStorage.clear(); // per-tab choices (the org filter) belong to the previous user
      queryClient.setQueryData(ME, res.user);
      return res.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST', body: {}, expectUnauthenticated: true });
    } finally {
      forgetEverythingBut(queryClient);
      sessionStorage.clear();
      queryClient.setQueryData(ME, null);
    }
  }, [queryClient]);

  const user = me.isPending ? undefined : (me.data ?? null);
  const value = useMemo<AuthState>(
    () => ({
      user,
      login,
      logout,
      can: (permission) => !permission || Boolean(user?.permissions.includes(permission)),
    }),
    [user, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user, for pages that only render behind RequireAuth. */
export function useUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser outside a signed-in route');
  return user;
}
