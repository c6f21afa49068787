import type { Role } from '@yiyang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgFilter, useOrgUnitIndex } from '../../app/org.js';
import { formatDateTime } from '../../app/time.js';
import { CreateUserDialog } from './CreateUserDialog.js';
import { usersKey, type UserRow } from './users.api.js';

/** 用户: the accounts in the area picked in the header (else the caller's whole area), and (for administrators) a form to add one. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const errorText = useErrorText();
  const index = useOrgUnitIndex();
  const { orgUnitId } = useOrgFilter();
  // The page belongs to the area it was turned in: picking another area starts at its first page.
  const [paging, setPaging] = useState({ area: orgUnitId, page: 1 });
  const page = paging.area === orgUnitId ? paging.page : 1;
  const setPage = (p: number) => setPaging({ area: orgUnitId, page: p });
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const users = useQuery({
    queryKey: [...usersKey, orgUnitId, page, pageSize],
    queryFn: () => api<{ items: UserRow[]; total: number }>('/api/v1/users', { query: { orgUnitId: orgUnitId ?? undefined, page, pageSize } }),
    placeholderData: (prev) => prev,
  });

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0, flex: 1 }}>
          {t('users.title')}
        </Typography.Title>
        {can('users.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
            {t('users.create')}
          </Button>
        )}
      </div>
      {users.isError && <Alert type="error" showIcon title={errorText(users.error)} style={{ marginBottom: 16 }} />}
      <Table<UserRow>
        rowKey="id"
        data-testid="users-table"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: Role) => t(`roles.${r}`) },
          { title: t('users.orgUnit'), dataIndex: 'orgUnitId', render: (id: string) => index.get(id)?.name ?? '—' },
          {
            title: t('users.status'),
            dataIndex: 'disabled',
            render: (disabled: boolean) => (disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
    </>
  );
}
