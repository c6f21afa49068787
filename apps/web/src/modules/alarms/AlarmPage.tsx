import { ALARM_OUTCOMES, CALL_OUTCOMES, CALL_PARTIES, type AlarmDetail } from '@yiyang/contracts';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { formatDateTime } from '../../app/time.js';
import { formatAge, useAlarm, useAlarmAction, useAlarmStream, useNow } from './alarms.api.js';
import { PRIORITY_COLOR, STATE_COLOR } from './alarms.colors.js';
import { HandoverDialog } from './HandoverDialog.js';
import './alarms.i18n.js';

type Dialog = 'call' | 'escalate' | 'close' | 'handover' | null;

/** One alarm: who it is, what is wrong with them, what has been done, and what to do next. */
export default function AlarmPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const alarm = useAlarm(id);
  const act = useAlarmAction(id);
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog>(null);
  useAlarmStream();

  if (alarm.isLoading) return <Spin size="large" />;
  if (alarm.isError || !alarm.data) return <Alert type="error" showIcon title={errorText(alarm.error)} />;
  const a: AlarmDetail = alarm.data;
  const mine = a.claimedBy?.id === user?.id;
  const run = (action: string, body?: unknown) =>
    act.mutateAsync({ action, body }).then(
      () => setDialog(null),
      (err: unknown) => void message.error(errorText(err)),
    );
  const e = a.elder;
  const list = (items: string[]) => (items.length ? items.join('、') : <Typography.Text type="secondary">{t('alarms.profile.none')}</Typography.Text>);

  return (
    <>
      <Link to="/alarms">‹ {t('alarms.back')}</Link>
      <Space align="center" style={{ margin: '8px 0 16px' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="alarm-title">
          {t(`alarms.kinds.${a.kind}`)} · {a.elderName ?? a.deviceId}
        </Typography.Title>
        <Tag color={PRIORITY_COLOR[a.priority]}>P{a.priority}</Tag>
        <Tag color={STATE_COLOR[a.state]} data-testid="alarm-state">{t(`alarms.states.${a.state}`)}</Tag>
        {a.claimedBy && (
          <Tag color={mine ? 'blue' : 'default'} data-testid="alarm-holder">
            {t('alarms.holder')}：{a.claimedBy.name}
            {mine && ` (${t('alarms.you')})`}
          </Tag>
        )}
        {a.state !== 'closed' && <span style={{ fontVariantNumeric: 'tabular-nums' }}>{t('alarms.age')} {formatAge(now - Date.parse(a.openedAt))}</span>}
      </Space>

      <Space wrap style={{ marginBottom: 16 }} data-testid="alarm-actions">
        {a.state === 'open' && <Button type="primary" danger size="large" onClick={() => void run('claim')} data-testid="action-claim">{t('alarms.actions.claim')}</Button>}
        {mine && a.state !== 'closed' && (
          <>
            <Button onClick={() => setDialog('call')} data-testid="action-call">{t('alarms.actions.call')}</Button>
            {(a.state === 'claimed' || a.state === 'dispatched') && (
              <Button type="primary" onClick={() => void run('dispatch')} data-testid="action-dispatch">{t('alarms.actions.dispatch')}</Button>
            )}
            {a.state === 'dispatched' && <Button onClick={() => void run('arrive')} data-testid="action-arrive">{t('alarms.actions.arrive')}</Button>}
            <Button danger onClick={() => setDialog('escalate')} data-testid="action-escalate">{t('alarms.actions.escalate')}</Button>
            {a.state !== 'open' && <Button onClick={() => setDialog('handover')} data-testid="action-handover">{t('alarms.actions.handover')}</Button>}
            {a.state !== 'arrived' && <Button onClick={() => void run('false-alarm')} data-testid="action-false-alarm">{t('alarms.actions.falseAlarm')}</Button>}
            <Button onClick={() => setDialog('close')} data-testid="action-close">{t('alarms.actions.close')}</Button>
          </>
        )}
      </Space>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('alarms.profile.title')} style={{ marginBottom: 16 }} data-testid="alarm-elder">
            {e ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('alarms.elder')}>
                  <strong>{e.name}</strong>，{t('alarms.profile.age', { age: e.age })}，{t(`elders.sexes.${e.sex}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.living')}>{list(e.livingSituation.map((l) => t(`elders.livingSituations.${l}`, { defaultValue: l })))}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.conditions')}>{list(e.conditions.map((c) => c.name))}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.medications')}>{list(e.medications.map((m) => [m.name, m.dose, m.frequency].filter(Boolean).join(' ')))}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.allergies')}>{list(e.allergies.map((x) => x.name))}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.address')}>{e.orgUnitName} {e.address}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.phone')}>{e.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.contacts')}>{list(e.emergencyContacts.map((c) => `${c.name}（${c.relation}）${c.phone}`))}</Descriptions.Item>
                <Descriptions.Item label={t('alarms.profile.position')}>{a.position ? `${a.position.lat.toFixed(5)}, ${a.position.lng.toFixed(5)}` : '—'}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description={`${t('alarms.device')} ${a.deviceId} · ${a.orgUnitName}`} />
            )}
          </Card>
          {a.state !== 'closed' && a.proposedResponders.length > 0 && (
            <Card title={t('alarms.responders')} style={{ marginBottom: 16 }}>
              {a.proposedResponders.map((r) => (
                <Space key={r.id} style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
                  <span>
                    {r.name} · {r.orgUnitName} {r.distanceM != null && `· ${t('alarms.distance', { m: r.distanceM })}`}
                  </span>
                  {mine && (a.state === 'claimed' || a.state === 'dispatched') && (
                    <Button size="small" onClick={() => void run('dispatch', { responderId: r.id })}>{t('alarms.actions.dispatchTo')}</Button>
                  )}
                </Space>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('alarms.timeline')} data-testid="alarm-timeline">
            <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('alarms.figures.claim')}>{a.timeToClaimSeconds == null ? '—' : formatAge(a.timeToClaimSeconds * 1000)}</Descriptions.Item>
              <Descriptions.Item label={t('alarms.figures.arrival')}>{a.timeToArrivalSeconds == null ? '—' : formatAge(a.timeToArrivalSeconds * 1000)}</Descriptions.Item>
              <Descriptions.Item label={t('alarms.figures.outcome')}>{a.outcome ? t(`alarms.outcomes.${a.outcome}`) : '—'}</Descriptions.Item>
            </Descriptions>
            <Timeline
              items={a.timeline.map((x) => ({
                color: x.entry.endsWith('breached') ? 'red' : x.entry === 'closed' || x.entry === 'arrived' ? 'green' : 'blue',
                content: (
                  <div data-testid={`timeline-${x.entry}`}>
                    <strong>{t(`alarms.entries.${x.entry}`, { defaultValue: x.entry })}</strong> {x.actorName && `· ${x.actorName}`}
                    <div style={{ color: '#667085', fontSize: 12 }}>{formatDateTime(x.at)}</div>
                    <TimelineDetails entry={x.entry} details={x.details} />
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <HandoverDialog alarmId={a.id} open={dialog === 'handover'} onClose={() => setDialog(null)} />
      <Modal open={dialog === 'call'} title={t('alarms.actions.call')} footer={null} onCancel={() => setDialog(null)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v) => void run('call', v)} initialValues={{ party: 'elder', outcome: 'answered_ok' }}>
          <Form.Item name="party" label={t('alarms.call.party')}><Select options={CALL_PARTIES.map((p) => ({ value: p, label: t(`alarms.call.parties.${p}`) }))} /></Form.Item>
          <Form.Item name="outcome" label={t('alarms.call.outcome')}><Select options={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`alarms.call.outcomes.${o}`) }))} /></Form.Item>
          <Form.Item name="note" label={t('alarms.call.note')}><Input.TextArea maxLength={500} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={act.isPending}>{t('alarms.actions.call')}</Button>
        </Form>
      </Modal>
      <Modal open={dialog === 'escalate'} title={t('alarms.actions.escalate')} footer={null} onCancel={() => setDialog(null)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v) => void run('escalate', v)} initialValues={{ service: '120' }}>
          <Form.Item name="service" label={t('alarms.escalateForm.service')}><Select options={['120', '110', '119'].map((s) => ({ value: s, label: s }))} /></Form.Item>
          <Form.Item name="reference" label={t('alarms.escalateForm.reference')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="note" label={t('alarms.escalateForm.note')}><Input.TextArea maxLength={500} /></Form.Item>
          <Button type="primary" danger htmlType="submit" loading={act.isPending}>{t('alarms.actions.escalate')}</Button>
        </Form>
      </Modal>
      <Modal open={dialog === 'close'} title={t('alarms.actions.close')} footer={null} onCancel={() => setDialog(null)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v) => void run('close', v)} initialValues={{ outcome: 'resolved_on_site' }}>
          <Form.Item name="outcome" label={t('alarms.closeForm.outcome')}>
            <Select data-testid="close-outcome" options={ALARM_OUTCOMES.filter((o) => o !== 'false_alarm').map((o) => ({ value: o, label: t(`alarms.outcomes.${o}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('alarms.closeForm.note')}><Input.TextArea maxLength={1000} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="close-submit">{t('alarms.actions.close')}</Button>
        </Form>
      </Modal>
    </>
  );
}

function TimelineDetails({ entry, details }: { entry: string; details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const d = details as Record<string, string | number | null | undefined>;
  switch (entry) {
    case 'call':
      return <div>{t(`alarms.call.parties.${d.party}`)} · {t(`alarms.call.outcomes.${d.outcome}`)} {d.note}</div>;
    case 'dispatched':
      return <div>{d.responderName} {d.distanceM != null && `· ${t('alarms.distance', { m: d.distanceM })}`}</div>;
    case 'escalated':
      return <div>{d.service} · {d.reference} {d.note}</div>;
    case 'handed_over':
      return <div>→ {d.toName} {d.note}</div>;
    case 'closed':
      return <div>{t(`alarms.outcomes.${d.outcome}`)} {d.note}</div>;
    case 'arrival_target_breached':
      return d.proposedResponderName ? <div>→ {d.proposedResponderName}</div> : null;
    default:
      return null;
  }
}
