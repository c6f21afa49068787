import type { OrderDetail } from '@yiyang/contracts';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import ElderCarePlans from '../plans/ElderCarePlans.js';
import { fen, useOrders } from './api.js';
import { StateTag, windowText } from './parts.js';
import './i18n.js';

/** The services an elder has had and has booked: for the elder page's 服务 tab. */
export default function ElderServicesTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const orders = useOrders({ elderId, pageSize: 50 });
  return (
    <>
    <ElderCarePlans elderId={elderId} />
    <Table<OrderDetail>
      rowKey="id"
      size="small"
      loading={orders.isLoading}
      dataSource={orders.data?.items ?? []}
      data-testid="elder-services"
      pagination={false}
      columns={[
        { title: t('orders.col.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/orders/${o.id}`}>{n}</Link> },
        { title: t('orders.col.window'), render: (_, o) => windowText(o) },
        { title: t('orders.col.items'), render: (_, o) => o.items.map((i) => i.name).join('、') },
        { title: t('orders.col.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
        { title: t('orders.col.staff'), render: (_, o) => o.staffName ?? '—' },
        { title: t('orders.col.total'), dataIndex: 'totalFen', render: fen, align: 'right' },
        { title: t('orders.detail.review'), render: (_, o) => (o.review ? '★'.repeat(o.review.rating) : '') },
      ]}
    />
    </>
  );
}
