import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { consoleModules } from '../modules/registry.js';
import { useAuth, useUser } from './auth.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { OrgFilterProvider, useOrgUnitIndex } from './org.js';
import { OrgPicker } from './OrgPicker.js';

export function ConsoleLayout() {
  const user = useUser();
  return (
    // Keyed by user so one account's area choice never carries over to the next.
    <OrgFilterProvider key={user.id}>
      <Shell />
    </OrgFilterProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(
    () =>
      consoleModules
        .filter((m) => m.menu && can(m.permission))
        .map((m) => ({
          key: m.menu!.key,
          icon: m.menu!.icon,
          label: <Link to={'/' + m.path}>{t(m.menu!.labelKey)}</Link>,
          path: '/' + m.path,
        })),
    [can, t],
  );
  // The longest matching path wins, so /org/123 highlights 组织架构 rather than 首页.
  const selected = items
    .filter((i) => (i.path === '/' ? location.pathname === '/' : location.pathname.startsWith(i.path)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.key;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <Layout.Sider width={232} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" theme="dark">
        <div className="console-brand">
          <span aria-hidden style={{ fontSize: 26 }}>颐</span>
          {!collapsed && <span>{t('app.name')}</span>}
        </div>
        <nav aria-label={t('layout.mainMenu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items.map(({ path: _path, ...item }) => item)}
            data-testid="main-menu"
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <OrgPicker />
          <div style={{ flex: 1 }} />
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content className="console-content">
          <main id="main" tabIndex={-1}>
            <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: 48 }} />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const unit = useOrgUnitIndex().get(user.orgUnitId);

  async function signOut() {
    await logout().catch(() => undefined); // signed out locally even if the server is gone
    navigate('/login', { replace: true });
  }

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ lineHeight: 1.4, padding: '4px 0' }}>
                <Typography.Text strong>{user.displayName}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {t(`roles.${user.role}`)}
                  {unit ? ` · ${unit.name}` : ''}
                </Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" aria-label={t('layout.userMenu')}>
        <UserOutlined aria-hidden />
        <span>{user.displayName}</span>
        {user.displayName !== t(`roles.${user.role}`) && <Typography.Text type="secondary">{t(`roles.${user.role}`)}</Typography.Text>}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
