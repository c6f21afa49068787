import { LogoutOutlined } from '@ant-design/icons';
import { Button, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useUser } from './auth.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/**
 * The phone shell for caregivers, responders and families: one column, large type, big buttons,
 * no menus to hunt through. Pages register in mobileModules (modules/registry.tsx).
 */
export function MobileLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const atStart = location.pathname === '/m' || location.pathname === '/m/';

  async function signOut() {
    await logout().catch(() => undefined);
    navigate('/login', { replace: true });
  }

  return (
    <div className="mobile-shell">
      <header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 16px', borderBottom: '1px solid #dfe3e8' }}>
        {atStart ? (
          <Typography.Title level={2} style={{ margin: 0, flex: 1 }}>
            {t('app.name')}
          </Typography.Title>
        ) : (
          <div style={{ flex: 1 }}>
            <Link to="/m" style={{ fontSize: 20 }}>
              ‹ {t('mobile.back')}
            </Link>
          </div>
        )}
        <LanguageSwitch />
      </header>
      <main id="main" style={{ padding: 16 }}>
        <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: 48 }} />}>
          <Outlet />
        </Suspense>
      </main>
      <footer style={{ padding: 16, borderTop: '1px solid #dfe3e8' }}>
        <Typography.Paragraph style={{ fontSize: 18 }}>
          {user.displayName} · {t(`roles.${user.role}`)}
        </Typography.Paragraph>
        <Button size="large" block icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="mobile-logout">
          {t('layout.logout')}
        </Button>
      </footer>
    </div>
  );
}
