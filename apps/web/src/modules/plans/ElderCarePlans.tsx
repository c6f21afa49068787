import type { CarePlan, PlanVisit } from '@yiyang/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { DISTRICT_TZ, dayjs } from '../../app/time.js';
import { useElder } from '../elders/elders.api.js';
import { useCatalog } from '../orders/api.js';
import { StateTag } from '../orders/parts.js';
import { CreatePlanDialog } from './CreatePlanDialog.js';
import { useCarePlans } from './plans.api.js';
import { describeSchedule } from './schedule.js';
import { StopPlanDialog } from './StopPlanDialog.js';
import { useScheduleWords } from './words.js';
import './plans.i18n.js';

/**
 * The elder's care plans on the services tab: what recurs, when, who pays, and the next visits it
 * has booked; registry workers with `plans.manage` set one up or stop one.
 */
export default function ElderCarePlans({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const errorText = useErrorText();
  const elder = useElder(elderId);
  const plans = useCarePlans(elderId);
  const catalog = useCatalog();
  const words = useScheduleWords();
  const [creating, setCreating] = useState(false);
  const [stopping, setStopping] = useState<CarePlan | null>(null);
  const served = elder.data?.status === 'active';
  const manage = can('plans.manage');

  const itemNames = useMemo(() => new Map((catalog.data?.items ?? []).map((i) => [i.id, i.name])), [catalog.data]);
  // Active plans first, each group newest first as the server sends them.
  const rows = useMemo(() => [...(plans.data?.items ?? [])].sort((a, b) => Number(b.state === 'active') - Number(a.state === 'active')), [plans.data]);

  const visitText = (v: PlanVisit) => {
    const s = dayjs(v.start).tz(DISTRICT_TZ);
    const day = t('plans.schedule.weekday', { day: words.weekdays[(s.day() + 6) % 7] });
    return `${s.format('MM-DD')} ${day} ${s.format('HH:mm')}`;
  };

  return (
    <Card
      title={t('plans.title')}
      data-testid="care-plans"
      style={{ marginBottom: 16 }}
      extra={
        manage &&
        (served ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="care-plan-new">{t('plans.new')}</Button>
        ) : (
          elder.data && <Typography.Text type="secondary">{t('plans.inactiveElder')}</Typography.Text>
        ))
      }
    >
      {plans.isError && <Alert type="error" showIcon title={errorText(plans.error)} style={{ marginBottom: 12 }} />}
      <Table<CarePlan>
        rowKey="id"
        size="small"
        pagination={false}
        loading={plans.isPending}
        dataSource={rows}
        locale={{ emptyText: t('plans.none') }}
        columns={[
          { title: t('plans.col.items'), render: (_, p) => p.itemIds.map((id) => itemNames.get(id) ?? '—').join('、') },
          { title: t('plans.col.schedule'), render: (_, p) => <span data-testid="care-plan-schedule">{describeSchedule(p, words)}</span> },
          { title: t('plans.col.period'), render: (_, p) => (p.endsOn ? t('plans.period.range', { from: p.startsOn, to: p.endsOn }) : t('plans.period.from', { from: p.startsOn })) },
          { title: t('plans.col.payer'), dataIndex: 'payer', render: (payer: string) => t(`plans.payer.${payer}`) },
          {
            title: t('plans.col.state'),
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <Tag color={p.state === 'active' ? 'green' : 'default'}>{t(`plans.state.${p.state}`)}</Tag>
                {p.stopReason && <Typography.Text type="secondary">{t('plans.stoppedBecause', { reason: p.stopReason })}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('plans.col.next'),
            render: (_, p) =>
              p.nextVisits.length === 0 ? (
                <Typography.Text type="secondary">{t('plans.noNext')}</Typography.Text>
              ) : (
                <Space direction="vertical" size={0} data-testid="care-plan-next">
                  {p.nextVisits.map((v) => (
                    <span key={v.orderId}>
                      <Link to={`/orders/${v.orderId}`}>{visitText(v)}</Link> <StateTag state={v.state} />
                    </span>
                  ))}
                </Space>
              ),
          },
          ...(manage
            ? [{
                title: t('plans.col.actions'),
                render: (_: unknown, p: CarePlan) =>
                  p.state === 'active' && (
                    <Button size="small" danger onClick={() => setStopping(p)} data-testid="care-plan-stop">{t('plans.stop')}</Button>
                  ),
              }]
            : []),
        ]}
      />
      {creating && <CreatePlanDialog elderId={elderId} onClose={() => setCreating(false)} />}
      {stopping && <StopPlanDialog plan={stopping} describe={(p) => describeSchedule(p, words)} onClose={() => setStopping(null)} />}
    </Card>
  );
}
