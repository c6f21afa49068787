import type { OrderDetail } from '@yiyang/contracts';
import { Card, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import ElderCarePlans from '../plans/ElderCarePlans.js';
import { fen, useLiveOrders } from './api.js';
import { ElderPackageCard } from './ElderPackageCard.js';
import { StateTag, windowText } from './parts.js';
import './i18n.js';

/**
 * The elder page's 服务 tab: the package the elder holds, and the services it has had and has
 * booked. `served` is false for elders who moved out or died: nothing new is given to them.
 */
export default function ElderServicesTab({ elderId, served }: { elderId: string; served: boolean }) {
  const { t } = useTranslation();
  // Live: a visit checked in or confirmed elsewhere shows here without a reload.
  const { orders } = useLiveOrders({ elderId, pageSize: 50 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ElderPackageCard elderId={elderId} served={served} />
      <ElderCarePlans elderId={elderId} />
      <Card title={t('orders.elderOrders')}>
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
            { title: t('orders.payer.title'), dataIndex: 'payer', render: (p: string) => t(`orders.payer.${p}`) },
            { title: t('orders.col.total'), dataIndex: 'totalFen', render: fen, align: 'right' },
            { title: t('orders.detail.review'), render: (_, o) => (o.review ? '★'.repeat(o.review.rating) : '') },
          ]}
        />
      </Card>
    </Space>
  );
}
