import type { OrderDetail } from '@yiyang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Rate, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgFilter } from '../../app/org.js';
import { formatDateTime } from '../../app/time.js';
import { StateTag, windowText } from './parts.js';
import './i18n.js';

interface CallbackTask { id: string; orderId: string; orderNumber: string; elderName: string; providerName: string | null; itemNames: string[]; state: 'open' | 'done'; satisfaction: number | null; note: string | null; createdAt: string }
interface SatisfactionRow { id: string; name: string; reviews: number; avgRating: number | null; callbacks: number; satisfiedShare: number | null }

const KINDS = ['unconfirmed', 'too_short', 'out_of_area'] as const;

/** 服务监管: callbacks to make, visits to look at, satisfaction per provider and item. */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('orders.supervision.title')}</Typography.Title>
      <Tabs
        items={[
          ...(can('orders.callback') ? [{ key: 'callbacks', label: t('orders.supervision.callbacks'), children: <Callbacks /> }] : []),
          ...KINDS.map((k) => ({ key: k, label: t(`orders.supervision.${k}`), children: <Visits kind={k} /> })),
          ...(can('orders.callback') ? [{ key: 'satisfaction', label: t('orders.supervision.satisfaction'), children: <SatisfactionTables /> }] : []),
        ]}
      />
    </>
  );
}

function Visits({ kind }: { kind: (typeof KINDS)[number] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { orgUnitId } = useOrgFilter();
  const q = useQuery({ queryKey: ['orders', 'supervision', kind, orgUnitId], queryFn: () => api<{ items: OrderDetail[]; total: number }>('/api/v1/orders/supervision', { query: { kind, orgUnitId: orgUnitId ?? undefined } }) });
  if (q.error) return <Alert type="error" message={errorText(q.error)} />;
  return (
    <Table<OrderDetail>
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      columns={[
        { title: t('orders.col.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/orders/${o.id}`}>{n}</Link> },
        { title: t('orders.col.elder'), dataIndex: 'elderName' },
        { title: t('orders.col.window'), render: (_, o) => windowText(o) },
        { title: t('orders.col.staff'), render: (_, o) => (o.staffName ? `${o.staffName}（${o.providerName}）` : '—') },
        { title: t('orders.col.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
        { title: t('orders.detail.checkIn'), render: (_, o) => (o.visit.checkInDistanceM === null ? '—' : t('orders.detail.distance', { m: o.visit.checkInDistanceM })) },
        { title: t('orders.detail.visit'), render: (_, o) => (o.visit.durationMinutes === null ? '—' : `${o.visit.durationMinutes} / ${o.expectedMinutes} min`) },
      ]}
    />
  );
}

function Callbacks() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const { orgUnitId } = useOrgFilter();
  const q = useQuery({ queryKey: ['callbacks', orgUnitId], queryFn: () => api<{ items: CallbackTask[] }>('/api/v1/callbacks', { query: { orgUnitId: orgUnitId ?? undefined } }) });
  const [drafts, setDrafts] = useState<Record<string, { satisfaction: number; note: string }>>({});
  const record = useMutation({
    mutationFn: ({ id, satisfaction, note }: { id: string; satisfaction: number; note: string }) => api(`/api/v1/callbacks/${id}`, { method: 'POST', body: { satisfaction, ...(note ? { note } : {}) } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['callbacks'] }),
  });
  if (q.error) return <Alert type="error" message={errorText(q.error)} />;
  return (
    <Table<CallbackTask>
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      columns={[
        { title: t('orders.col.number'), dataIndex: 'orderNumber', render: (n: string, c) => <Link to={`/orders/${c.orderId}`}>{n}</Link> },
        { title: t('orders.col.elder'), dataIndex: 'elderName' },
        { title: t('orders.col.items'), render: (_, c) => c.itemNames.join('、') },
        { title: t('orders.col.provider'), dataIndex: 'providerName' },
        { title: t('orders.supervision.drawnAt'), dataIndex: 'createdAt', render: formatDateTime },
        {
          title: t('orders.supervision.satisfactionCol'),
          render: (_, c) => {
            if (c.state === 'done') return <Space><Rate disabled value={c.satisfaction ?? 0} />{c.note}</Space>;
            const d = drafts[c.id] ?? { satisfaction: 0, note: '' };
            return (
              <Space>
                <Rate value={d.satisfaction} onChange={(v) => setDrafts({ ...drafts, [c.id]: { ...d, satisfaction: v } })} />
                <Input style={{ width: 200 }} maxLength={1000} placeholder={t('orders.supervision.note')} value={d.note} onChange={(e) => setDrafts({ ...drafts, [c.id]: { ...d, note: e.target.value } })} />
                <Button
                  type="primary"
                  disabled={!d.satisfaction}
                  loading={record.isPending}
                  onClick={async () => {
                    try {
                      await record.mutateAsync({ id: c.id, ...d });
                    } catch (err) {
                      message.error(errorText(err));
                    }
                  }}
                >
                  {t('orders.supervision.save')}
                </Button>
              </Space>
            );
          },
        },
      ]}
    />
  );
}

function SatisfactionTables() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { orgUnitId } = useOrgFilter();
  const q = useQuery({ queryKey: ['orders', 'satisfaction', orgUnitId], queryFn: () => api<{ providers: SatisfactionRow[]; items: SatisfactionRow[] }>('/api/v1/orders/satisfaction', { query: { orgUnitId: orgUnitId ?? undefined } }) });
  if (q.error) return <Alert type="error" message={errorText(q.error)} />;
  const columns = (first: string) => [
    { title: first, dataIndex: 'name' },
    { title: t('orders.supervision.reviews'), dataIndex: 'reviews', align: 'right' as const },
    { title: t('orders.supervision.avgRating'), dataIndex: 'avgRating', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
    { title: t('orders.supervision.callbacksDone'), dataIndex: 'callbacks', align: 'right' as const },
    { title: t('orders.supervision.satisfied'), dataIndex: 'satisfiedShare', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`) },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<SatisfactionRow> rowKey="id" loading={q.isLoading} dataSource={q.data?.providers ?? []} columns={columns(t('orders.col.provider'))} pagination={false} />
      <Table<SatisfactionRow> rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} columns={columns(t('orders.col.items'))} pagination={false} />
    </Space>
  );
}
