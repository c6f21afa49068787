import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { consoleModules, mobileModules } from '../modules/registry.js';
import { MOBILE_ROLES, useAuth } from './auth.js';
import { ConsoleLayout } from './ConsoleLayout.js';
import { LoginPage } from './LoginPage.js';
import { MobileHome } from './MobileHome.js';
import { MobileLayout } from './MobileLayout.js';
import { NotFound } from './NotFound.js';

/** Renders its children for a signed-in user of the right shell; otherwise redirects. */
function RequireAuth({ shell, children }: { shell: 'console' | 'mobile'; children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Spin size="large" fullscreen />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const mobileUser = MOBILE_ROLES.includes(user.role);
  if (shell === 'console' && mobileUser) return <Navigate to="/m" replace />;
  if (shell === 'mobile' && !mobileUser) return <Navigate to="/" replace />;
  return children;
}

/** A registered page the user's role lacks the permission for is simply not there. */
function Permitted({ permission, children }: { permission: string | null; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <NotFound />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/m"
        element={
          <RequireAuth shell="mobile">
            <MobileLayout />
          </RequireAuth>
        }
      >
        <Route index element={<MobileHome />} />
        {mobileModules.map((m) => (
          <Route key={m.path} path={m.path} element={<Permitted permission={m.permission}>{m.element}</Permitted>} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route
        path="/"
        element={
          <RequireAuth shell="console">
            <ConsoleLayout />
          </RequireAuth>
        }
      >
        {consoleModules.map((m) =>
          m.path === '' ? (
            <Route key="index" index element={<Permitted permission={m.permission}>{m.element}</Permitted>} />
          ) : (
            <Route key={m.path} path={m.path} element={<Permitted permission={m.permission}>{m.element}</Permitted>} />
          ),
        )}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
