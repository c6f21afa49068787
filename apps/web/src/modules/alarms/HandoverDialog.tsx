import type { HandoverCandidate } from '@yiyang/contracts';
import { Alert, App, Button, Empty, Form, Input, Modal, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.js';
import { formatDateTime } from '../../app/time.js';
import { useAlarmAction, useHandoverCandidates } from './alarms.api.js';
import './alarms.i18n.js';

/** Above this many colleagues the list gets a name filter; a shift desk usually has a handful. */
const FILTER_FROM = 8;

interface Values {
  toUserId: string;
  note?: string;
}

/**
 * 转交: the holder picks a colleague who can take the alarm (the server's list: same area, handles
 * alarms, can see this one), says why, and the alarm moves to them with the note on its timeline.
 */
export function HandoverDialog({ alarmId, open, onClose }: { alarmId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const candidates = useHandoverCandidates(alarmId, open);
  const act = useAlarmAction(alarmId);
  const [form] = Form.useForm<Values>();
  const picked = Form.useWatch('toUserId', form);
  const [filter, setFilter] = useState('');
  const items = useMemo(() => candidates.data?.items ?? [], [candidates.data]);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? items.filter((c) => `${c.displayName} ${c.username} ${c.orgUnitName}`.toLowerCase().includes(f)) : items;
  }, [items, filter]);

  async function submit(v: Values) {
    try {
      const alarm = await act.mutateAsync({ action: 'handover', body: { toUserId: v.toUserId, note: v.note?.trim() || undefined } });
      message.success(t('alarms.handover.done', { name: alarm.claimedBy?.name ?? '' }));
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  }

  return (
    <Modal open={open} title={t('alarms.handover.title')} footer={null} onCancel={onClose} destroyOnHidden width={640}>
      <div data-testid="handover-dialog">
        {candidates.isLoading && <Spin />}
        {candidates.isError && <Alert type="error" showIcon title={errorText(candidates.error)} />}
        {candidates.data && items.length === 0 && (
          <div data-testid="handover-none">
            <Empty description={t('alarms.handover.none')} />
          </div>
        )}
        {items.length > 0 && (
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Typography.Paragraph type="secondary">{t('alarms.handover.hint')}</Typography.Paragraph>
            {items.length > FILTER_FROM && (
              <Input.Search allowClear placeholder={t('alarms.handover.filter')} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 12 }} />
            )}
            <Form.Item name="toUserId" label={t('alarms.handover.colleague')} rules={[{ required: true, message: t('alarms.handover.pick') }]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8, maxHeight: 360, overflowY: 'auto' }}>
                {shown.map((c) => (
                  <Radio key={c.id} value={c.id} data-testid={`handover-candidate-${c.username}`}>
                    <CandidateLabel c={c} />
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('alarms.handover.note')}>
              <Input.TextArea maxLength={500} showCount rows={3} placeholder={t('alarms.handover.notePlaceholder')} data-testid="handover-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!picked} loading={act.isPending} data-testid="handover-submit">
              {t('alarms.actions.handover')}
            </Button>
          </Form>
        )}
      </div>
    </Modal>
  );
}

function CandidateLabel({ c }: { c: HandoverCandidate }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      <Space size={6} wrap>
        <strong>{c.displayName}</strong>
        <Typography.Text type="secondary">{c.username}</Typography.Text>
        <Tag>{t(`roles.${c.role}`)}</Tag>
        <span>{c.orgUnitName}</span>
      </Space>
      <Space size={6} wrap>
        <Tag color={c.liveAlarms > 0 ? 'orange' : 'green'}>{t('alarms.handover.holding', { n: c.liveAlarms })}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.lastActiveAt ? t('alarms.handover.lastActive', { at: formatDateTime(c.lastActiveAt) }) : t('alarms.handover.neverActive')}
        </Typography.Text>
      </Space>
    </Space>
  );
}
