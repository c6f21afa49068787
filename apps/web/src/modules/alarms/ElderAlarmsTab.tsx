import type { Alarm } from '@yiyang/contracts';
import { Alert, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../app/errors.js';
import { formatDateTime } from '../../app/time.js';
import { PRIORITY_COLOR, STATE_COLOR } from './alarms.colors.js';
import { useAlarmStream, useElderAlarms } from './alarms.api.js';
import './alarms.i18n.js';

/** How many closed alarms the elder page shows; older ones are in the alarm centre's history. */
const RECENT_CLOSED = 20;

/** The elder page's 告警 tab: the elder's alarms under way and the latest closed, each linked to its page. */
export default function ElderAlarmsTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const live = useElderAlarms(elderId, 'live', 100);
  const closed = useElderAlarms(elderId, 'closed', RECENT_CLOSED);
  // A new press or a state change shows here at once, as on the queue.
  useAlarmStream();

  const failed = live.error ?? closed.error;
  if (failed) return <Alert type="error" showIcon title={errorText(failed)} />;
  if (!live.data || !closed.data) return <Spin />;
  const rows = [...live.data.items, ...closed.data.items];
  if (rows.length === 0) return <Empty description={t('elders.emptyAlarms')} data-testid="elder-alarms-empty" />;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('alarms.ofElder.note', { n: RECENT_CLOSED })}</Typography.Text>
      <Table<Alarm>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="elder-alarms"
        onRow={(a) => ({ 'data-testid': `elder-alarm-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('alarms.ofElder.openedAt'), dataIndex: 'openedAt', render: (at: string, a) => <Link to={`/alarms/${a.id}`}>{formatDateTime(at)}</Link> },
          { title: t('alarms.priority'), dataIndex: 'priority', render: (p: number) => <Tag color={PRIORITY_COLOR[p]}>P{p}</Tag> },
          { title: t('alarms.kind'), dataIndex: 'kind', render: (k: string) => t(`alarms.kinds.${k}`) },
          { title: t('alarms.state'), dataIndex: 'state', render: (st: string) => <Tag color={STATE_COLOR[st]}>{t(`alarms.states.${st}`)}</Tag> },
          { title: t('alarms.ofElder.outcome'), dataIndex: 'outcome', render: (o: string | null) => (o ? t(`alarms.outcomes.${o}`, { defaultValue: o }) : '—') },
          { title: t('alarms.ofElder.responder'), render: (_v, a) => a.responder?.name ?? '—' },
          { title: t('alarms.ofElder.closedAt'), dataIndex: 'closedAt', render: (at: string | null) => (at ? formatDateTime(at) : '—') },
          { title: '', key: 'go', render: (_v, a) => <Link to={`/alarms/${a.id}`}>{t('alarms.open')}</Link> },
        ]}
      />
    </Space>
  );
}
