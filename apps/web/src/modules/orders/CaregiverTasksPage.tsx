import type { OrderDetail } from '@yiyang/contracts';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.js';
import { currentPosition, fetchElderPhone, useLiveOrders, useOrderAction } from './api.js';
import { StateTag, windowText } from './parts.js';
import './i18n.js';

/** The national elderly-services hotline: the helper's line to the service centre. */
const CENTRE_HOTLINE = '12349';
const OPEN = new Set(['dispatched', 'accepted', 'en_route', 'in_service']);
/** The server gives the helper the elder's number from accepting the visit until checking out. */
const CALLABLE = new Set(['accepted', 'en_route', 'in_service']);

/** 今日任务: the helper's open visits, soonest first, with one big button for the next step. */
export default function CaregiverTasksPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { orders } = useLiveOrders({ pageSize: 100 });
  const tasks = (orders.data?.items ?? []).filter((o) => OPEN.has(o.state)).sort((a, b) => a.window.start.localeCompare(b.window.start));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('orders.mobile.tasksTile')}
      </Typography.Title>
      {orders.isLoading && <Spin size="large" />}
      {orders.error && <Alert type="error" message={errorText(orders.error)} />}
      {orders.data && tasks.length === 0 && <Empty description={<span style={{ fontSize: 20 }}>{t('orders.mobile.noTasks')}</span>} />}
      {tasks.map((o) => (
        <TaskCard key={o.id} order={o} />
      ))}
    </Space>
  );
}

function TaskCard({ order: o }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const act = useOrderAction();
  const [locating, setLocating] = useState(false);
  const [calling, setCalling] = useState(false);
  const [elderPhone, setElderPhone] = useState<string | null>(null);
  const [done, setDone] = useState<string[]>(o.items.flatMap((i) => i.tasks));
  const [rejecting, setRejecting] = useState<string | null>(null);
  const tasks = [...new Set(o.items.flatMap((i) => i.tasks))];

  async function run(action: string, body?: Record<string, unknown>) {
    try {
      const after = await act.mutateAsync({ id: o.id, action, body });
      const d = action === 'check-in' ? after.visit.checkInDistanceM : action === 'check-out' ? after.visit.checkOutDistanceM : null;
      if (after.visit.outOfArea && d !== null) message.warning(t('orders.mobile.flagged', { m: d }));
    } catch (err) {
      message.error(errorText(err));
    }
  }

  // The number is fetched (and audited) on demand and shown with a dial button: the helper can
  // read it out or dial with one more tap, and it is not kept on the page afterwards.
  async function callElder() {
    setCalling(true);
    try {
      const { phone } = await fetchElderPhone(o.id);
      if (phone) setElderPhone(phone);
      else message.warning(t('orders.mobile.noPhone'));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setCalling(false);
    }
  }

  async function withPosition(action: 'check-in' | 'check-out') {
    setLocating(true);
    try {
      const at = await currentPosition();
      await run(action, action === 'check-out' ? { ...at, tasksDone: done } : at);
    } catch {
      message.error(t('orders.mobile.noLocation'));
    } finally {
      setLocating(false);
    }
  }

  const big = { size: 'large' as const, block: true, style: { height: 64, fontSize: 22 } };
  return (
    <Card data-testid={`task-${o.number}`} style={{ borderWidth: 2 }}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{o.elderName}</Typography.Title>
          <StateTag state={o.state} />
        </div>
        <div style={{ fontSize: 22 }}>{windowText(o)} · {o.items.map((i) => i.name).join('、')}</div>
        <div style={{ fontSize: 20 }}>{o.address}</div>
        {o.notes && <div style={{ fontSize: 18, color: '#333' }}>{o.notes}</div>}
        <Space.Compact block>
          {CALLABLE.has(o.state) ? (
            <Button size="large" style={{ width: '50%', height: 56 }} loading={calling} onClick={() => void callElder()} data-testid="task-call-elder">{t('orders.mobile.callElder')}</Button>
          ) : (
            <Button size="large" style={{ width: '50%', height: 56 }} href={`tel:${CENTRE_HOTLINE}`}>{t('orders.mobile.callCentre')}</Button>
          )}
          <Button size="large" style={{ width: '50%', height: 56 }} disabled={!o.location} href={o.location ? `https://uri.amap.com/marker?position=${o.location.lng},${o.location.lat}&name=${encodeURIComponent(o.address)}` : undefined} target="_blank">
            {t('orders.mobile.navigate')}
          </Button>
        </Space.Compact>
        {o.state === 'dispatched' && (
          <>
            <Button type="primary" {...big} loading={act.isPending} onClick={() => void run('accept')} data-testid="task-accept">{t('orders.mobile.accept')}</Button>
            <Button {...big} danger onClick={() => setRejecting('')}>{t('orders.mobile.reject')}</Button>
          </>
        )}
        {o.state === 'accepted' && <Button {...big} onClick={() => void run('start')}>{t('orders.mobile.start')}</Button>}
        {(o.state === 'accepted' || o.state === 'en_route') && (
          <Button type="primary" {...big} loading={locating} onClick={() => void withPosition('check-in')} data-testid="task-check-in">
            {locating ? t('orders.mobile.locating') : t('orders.mobile.checkIn')}
          </Button>
        )}
        {o.state === 'in_service' && (
          <>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('orders.mobile.checklist')}</Typography.Title>
            <Checkbox.Group value={done} onChange={(v) => setDone(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              {tasks.map((task) => (
                <Checkbox key={task} value={task} style={{ fontSize: 22 }}>{task}</Checkbox>
              ))}
            </Checkbox.Group>
            <Button type="primary" {...big} loading={locating} onClick={() => void withPosition('check-out')} data-testid="task-check-out">
              {locating ? t('orders.mobile.locating') : t('orders.mobile.checkOut')}
            </Button>
          </>
        )}
      </Space>
      <Modal open={elderPhone !== null} title={t('orders.mobile.callElder')} footer={null} onCancel={() => setElderPhone(null)} destroyOnHidden>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ fontSize: 22 }}>{o.elderName}</div>
          <div style={{ fontSize: 32, fontWeight: 700, letterSpacing: 2 }} data-testid="elder-phone-number">{elderPhone}</div>
          <Button type="primary" {...big} href={`tel:${elderPhone ?? ''}`} onClick={() => setElderPhone(null)} data-testid="elder-phone-dial">
            {t('orders.mobile.dial')}
          </Button>
        </Space>
      </Modal>
      <Modal
        open={rejecting !== null}
        title={t('orders.mobile.rejectReason')}
        okButtonProps={{ disabled: !rejecting?.trim() }}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          await run('reject', { reason: rejecting });
          setRejecting(null);
        }}
      >
        <Input.TextArea rows={3} maxLength={500} value={rejecting ?? ''} onChange={(e) => setRejecting(e.target.value)} style={{ fontSize: 20 }} />
      </Modal>
    </Card>
  );
}
