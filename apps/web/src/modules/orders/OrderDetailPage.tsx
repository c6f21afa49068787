import { Alert, App, Button, Card, Col, Descriptions, Image, Input, Modal, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { formatDateTime } from '../../app/time.js';
import { fen, useLiveOrder, useOrderAction } from './api.js';
import { DispatchDialog } from './DispatchDialog.js';
import { StateTag, windowText } from './parts.js';
import './i18n.js';

/** One order: what, for whom, where it went and why, what happened at the door, every step. */
export default function OrderDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { order } = useLiveOrder(id);
  const act = useOrderAction();
  const [dispatching, setDispatching] = useState(false);
  const [note, setNote] = useState<{ action: 'confirm' | 'cancel'; text: string } | null>(null);

  if (order.isLoading) return <Spin size="large" />;
  if (order.error || !order.data) return <Alert type="error" message={order.error ? errorText(order.error) : t('orders.detail.notFound')} />;
  const o = order.data;
  const e = o.dispatchExplanation;

  async function run(action: string, body?: unknown) {
    try {
      await act.mutateAsync({ id: o.id, action, body });
    } catch (err) {
      message.error(errorText(err));
    }
  }

  return (
    <>
      <Link to="/orders">‹ {t('orders.detail.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {t('orders.detail.title', { number: o.number })} <StateTag state={o.state} />
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        {can('orders.dispatch') && (o.state === 'requested' || o.state === 'dispatched') && (
          <Button type="primary" onClick={() => setDispatching(true)} data-testid="detail-dispatch">
            {t('orders.dispatch.button')}
          </Button>
        )}
        {can('orders.confirm') && o.state === 'completed' && <Button onClick={() => setNote({ action: 'confirm', text: '' })}>{t('orders.action.confirm')}</Button>}
        {['requested', 'dispatched', 'accepted', 'en_route'].includes(o.state) && (can('orders.create') || can('orders.dispatch')) && (
          <Button danger onClick={() => setNote({ action: 'cancel', text: '' })}>{t('orders.action.cancel')}</Button>
        )}
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('orders.col.elder')}>{o.elderName}</Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.address')}>{o.address}</Descriptions.Item>
              <Descriptions.Item label={t('orders.col.items')}>{o.items.map((i) => `${i.name} ${fen(i.priceFen)}`).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('orders.col.window')}>{windowText(o)}</Descriptions.Item>
              <Descriptions.Item label={t('orders.col.staff')}>{o.staffName ? `${o.staffName}（${o.providerName}）${o.staffPhone ?? ''}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.notes')}>{o.notes || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('orders.col.total')}>{fen(o.totalFen)} · {t(`orders.source.${o.source}`)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('orders.detail.visit')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('orders.detail.checkIn')}>
                {formatDateTime(o.visit.checkInAt) || '—'} {o.visit.checkInDistanceM !== null && t('orders.detail.distance', { m: o.visit.checkInDistanceM })}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.checkOut')}>
                {formatDateTime(o.visit.checkOutAt) || '—'} {o.visit.checkOutDistanceM !== null && t('orders.detail.distance', { m: o.visit.checkOutDistanceM })}
              </Descriptions.Item>
              {o.visit.durationMinutes !== null && <Descriptions.Item label="">{t('orders.detail.duration', { m: o.visit.durationMinutes })}</Descriptions.Item>}
              <Descriptions.Item label={t('orders.detail.tasks')}>{o.visit.tasksDone.join('、') || '—'}</Descriptions.Item>
              {o.confirmedBy && <Descriptions.Item label={t('orders.action.confirm')}>{t(`orders.detail.confirmedBy.${o.confirmedBy}`)}</Descriptions.Item>}
              {o.review && (
                <Descriptions.Item label={t('orders.detail.review')}>
                  {'★'.repeat(o.review.rating)} {o.review.tags.join(' ')} {o.review.comment}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Space>
              {o.visit.outOfArea && <Tag color="red">{t('orders.detail.outOfArea')}</Tag>}
              {o.visit.tooShort && o.visit.checkOutAt && <Tag color="orange">{t('orders.detail.tooShort')}</Tag>}
            </Space>
            {o.visit.hasPhoto && <Image width={160} src={`/api/v1/orders/${o.id}/photo`} alt={t('orders.detail.photo')} />}
          </Card>
          {e && (
            <Card title={t('orders.detail.explanation')} data-testid="order-explanation">
              <Typography.Paragraph>
                {t('orders.dispatch.considered', { n: e.considered, km: ((e.radiusM ?? 0) / 1000).toFixed(1) })} ·{' '}
                {Object.entries(e.excluded).filter(([, n]) => n > 0).map(([k, n]) => t(`orders.dispatch.excluded.${k}`, { n })).join(' · ')}
              </Typography.Paragraph>
              {e.chosen && (
                <Typography.Paragraph>
                  <strong>{e.chosen.staffName}</strong>（{e.chosen.providerName}）: {e.chosen.reasons.join('；')}
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.rule}</Typography.Text>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('orders.detail.timeline')}>
            <Timeline
              data-testid="order-timeline"
              items={o.timeline.map((step) => ({
                content: (
                  <>
                    <strong>{t(`orders.action.${step.action}`)}</strong> → {t(`orders.state.${step.toState}`)}
                    <div style={{ color: '#555' }}>{formatDateTime(step.at)} · {step.actorName}</div>
                    {step.reason && <div>{t('orders.detail.reason')}: {step.reason}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <DispatchDialog open={dispatching} orderId={o.id} elderName={o.elderName} onClose={() => setDispatching(false)} />
      <Modal
        open={!!note}
        title={note ? t(`orders.action.${note.action}`) : ''}
        onCancel={() => setNote(null)}
        onOk={async () => {
          if (!note) return;
          await run(note.action, note.action === 'confirm' ? { note: note.text } : note.text ? { reason: note.text } : {});
          setNote(null);
        }}
      >
        <Input.TextArea rows={3} maxLength={500} value={note?.text} onChange={(ev) => setNote(note && { ...note, text: ev.target.value })} placeholder={t('orders.detail.reason')} />
      </Modal>
    </>
  );
}
