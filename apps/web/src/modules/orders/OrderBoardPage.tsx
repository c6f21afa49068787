import { ORDER_STATES, type OrderDetail } from '@yiyang/contracts';
import { Alert, Badge, Button, Card, DatePicker, Form, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgFilter } from '../../app/org.js';
import { dayjs } from '../../app/time.js';
import { fen, useLiveOrders } from './api.js';
import { StateTag, windowText } from './parts.js';
import { DispatchDialog } from './DispatchDialog.js';
import './i18n.js';

/** 工单看板: the orders of the picked area (the caller's by default) by state, filtered by day and elder, dispatch in place. */
export default function OrderBoardPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const date = params.get('date') ?? '';
  const elderId = params.get('elderId') ?? '';
  const { orgUnitId } = useOrgFilter();
  // The page belongs to the area it was turned in: picking another area starts at its first page.
  const [paging, setPaging] = useState({ area: orgUnitId, page: 1 });
  const page = paging.area === orgUnitId ? paging.page : 1;
  const setPage = (p: number) => setPaging({ area: orgUnitId, page: p });
  const [dispatching, setDispatching] = useState<OrderDetail | null>(null);
  const { orders, connected } = useLiveOrders({ state: state || undefined, date: date || undefined, elderId: elderId || undefined, orgUnitId: orgUnitId ?? undefined, page, pageSize: 20 });
  const counts = orders.data?.counts ?? {};
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };

  return (
    <>
      <Space align="baseline" size="large">
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('orders.board')}
        </Typography.Title>
        <Badge status={connected ? 'success' : 'warning'} text={<span data-testid="orders-stream-state">{connected ? t('orders.live.connected') : t('orders.live.disconnected')}</span>} />
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <Form.Item label={t('orders.filters.date')} style={{ margin: 0 }}>
            <DatePicker value={date ? dayjs(date) : null} onChange={(d: Dayjs | null) => set('date', d ? d.format('YYYY-MM-DD') : undefined)} data-testid="orders-date" />
          </Form.Item>
          {elderId && (
            <Tag closable onClose={() => set('elderId', undefined)}>
              {t('orders.filters.elder')}: {orders.data?.items[0]?.elderName ?? elderId.slice(0, 8)}
            </Tag>
          )}
        </Space>
        <Segmented
          style={{ marginTop: 16, flexWrap: 'wrap' }}
          value={state}
          onChange={(v) => set('state', String(v) || undefined)}
          data-testid="orders-states"
          options={[
            { value: '', label: `${t('orders.all')} ${Object.values(counts).reduce((a, b) => a + b, 0)}` },
            ...ORDER_STATES.map((s) => ({ value: s, label: `${t(`orders.state.${s}`)} ${counts[s] ?? 0}` })),
          ]}
        />
      </Card>
      {orders.error && <Alert type="error" message={errorText(orders.error)} style={{ marginBottom: 16 }} />}
      <Table<OrderDetail>
        rowKey="id"
        loading={orders.isFetching && !orders.data}
        dataSource={orders.data?.items ?? []}
        data-testid="orders-table"
        pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('orders.col.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/orders/${o.id}`}>{n}</Link> },
          { title: t('orders.col.elder'), dataIndex: 'elderName', render: (n: string, o) => <a onClick={() => set('elderId', o.elderId)}>{n}</a> },
          { title: t('orders.col.items'), render: (_, o) => o.items.map((i) => i.name).join('、') },
          { title: t('orders.col.window'), render: (_, o) => windowText(o) },
          { title: t('orders.col.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
          { title: t('orders.col.staff'), render: (_, o) => (o.staffName ? `${o.staffName}（${o.providerName}）` : '—') },
          { title: t('orders.col.total'), dataIndex: 'totalFen', render: fen, align: 'right' },
          {
            title: t('orders.col.flags'),
            render: (_, o) => (
              <Space size={2}>
                {o.visit.outOfArea && <Tag color="red">{t('orders.flags.outOfArea')}</Tag>}
                {o.visit.tooShort && o.visit.checkOutAt && <Tag color="orange">{t('orders.flags.tooShort')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, o) =>
              can('orders.dispatch') && (o.state === 'requested' || o.state === 'dispatched') ? (
                <Button size="small" type={o.state === 'requested' ? 'primary' : 'default'} onClick={() => setDispatching(o)} data-testid={`dispatch-${o.number}`}>
                  {t('orders.dispatch.button')}
                </Button>
              ) : null,
          },
        ]}
      />
      {dispatching && <DispatchDialog open orderId={dispatching.id} elderName={dispatching.elderName} onClose={() => setDispatching(null)} />}
    </>
  );
}
