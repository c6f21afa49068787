import { Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { mobileModules } from '../modules/registry.js';
import { useAuth, useUser } from './auth.js';

/** The /m start page: a greeting and one large tile per task the user's role has. */
export function MobileHome() {
  const { t } = useTranslation();
  const user = useUser();
  const { can } = useAuth();
  const tiles = mobileModules.filter((m) => m.tile && m.roles.includes(user.role) && can(m.permission));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography.Title>
      {tiles.length === 0 ? (
        <Empty description={<span style={{ fontSize: 20 }}>{t('mobile.nothingYet')}</span>} />
      ) : (
        tiles.map((m) => (
          <Link key={m.path} to={`/m/${m.path}`} className="mobile-tile">
            <span aria-hidden style={{ fontSize: 32 }}>{m.tile!.icon}</span>
            {t(m.tile!.labelKey)}
          </Link>
        ))
      )}
    </Space>
  );
}
