import type { DispatchCandidate } from '@yiyang/contracts';
import { Alert, App, Button, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.js';
import { useCandidates, useOrderAction } from './api.js';
import './i18n.js';

/** Who could go, ranked by the dispatch rule, each with its reasons; pick one or let the rules pick. */
export function DispatchDialog({ orderId, elderName, open, onClose }: { orderId: string; elderName: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const candidates = useCandidates(orderId, open);
  const act = useOrderAction();
  const e = candidates.data?.explanation;

  async function send(staffId?: string) {
    try {
      const order = await act.mutateAsync({ id: orderId, action: 'dispatch', body: staffId ? { staffId } : {} });
      message.success(t('orders.dispatch.done', { name: order.staffName }));
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  }

  return (
    <Modal open={open} onCancel={onClose} title={t('orders.dispatch.title', { elder: elderName })} width={720} footer={null} destroyOnHidden>
      {candidates.isLoading && <Spin />}
      {candidates.error && <Alert type="error" message={errorText(candidates.error)} />}
      {e && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('orders.dispatch.considered', { n: e.considered })} ·{' '}
            {Object.entries(e.excluded)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => t(`orders.dispatch.excluded.${k}`, { n }))
              .join(' · ')}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('orders.dispatch.rule')}: {e.rule}
          </Typography.Paragraph>
          {e.candidates.length === 0 ? (
            <Alert type="warning" message={t('orders.dispatch.none')} />
          ) : (
            <List<DispatchCandidate>
              dataSource={e.candidates}
              data-testid="dispatch-candidates"
              renderItem={(c, i) => (
                <List.Item
                  actions={[
                    <Button key="send" type={i === 0 ? 'primary' : 'default'} loading={act.isPending} onClick={() => void send(c.staffId)} data-testid={`dispatch-to-${c.staffName}`}>
                      {t('orders.dispatch.choose')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        <strong>{c.staffName}</strong>
                        <Typography.Text type="secondary">{c.providerName}</Typography.Text>
                        <Tag color={i === 0 ? 'green' : undefined}>{t('orders.dispatch.score', { s: c.score })}</Tag>
                      </Space>
                    }
                    description={
                      <Space wrap size={4}>
                        <Tag>{t('orders.dispatch.openOrders', { n: c.openOrders })}</Tag>
                        <Tag>{t('orders.dispatch.distance', { km: (c.distanceM / 1000).toFixed(1) })}</Tag>
                        <Tag>{t('orders.dispatch.rating', { r: c.rating.toFixed(1) })}</Tag>
                        {c.reasons.filter((r) => r.startsWith('lowest') || r.startsWith('not eligible')).map((r) => (
                          <Tag key={r} color={r.startsWith('lowest') ? 'green' : 'red'}>{r}</Tag>
                        ))}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
          <Button block size="large" disabled={e.candidates.length === 0} loading={act.isPending} onClick={() => void send()} data-testid="dispatch-auto">
            {t('orders.dispatch.auto')}
          </Button>
        </Space>
      )}
    </Modal>
  );
}
