import type { Alarm } from '@yiyang/contracts';
import { SoundOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useErrorText } from '../../app/errors.js';
import { formatDateTime } from '../../app/time.js';
import { beep, formatAge, useAlarmQueue, useAlarmStats, useAlarmStream, useNow } from './alarms.api.js';
import { PRIORITY_COLOR, STATE_COLOR } from './alarms.colors.js';
import './alarms.i18n.js';

/** 紧急呼叫中心: the live queue, by priority then age, with today's figures. */
export default function AlarmQueuePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queue = useAlarmQueue('live');
  const stats = useAlarmStats();
  const now = useNow();
  const audio = useRef<AudioContext | null>(null);
  const [sound, setSound] = useState(false);
  const connected = useAlarmStream((m) => {
    if (m.topic === 'alarms.opened' && audio.current) beep(audio.current);
  });
  const s = stats.data;

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('alarms.title')}
        </Typography.Title>
        <Space>
          <Badge status={connected ? 'success' : 'error'} text={<span data-testid="alarm-stream-state">{connected ? t('alarms.connected') : t('alarms.disconnected')}</span>} />
          <Button
            icon={<SoundOutlined />}
            type={sound ? 'default' : 'primary'}
            onClick={() => {
              // Browsers allow sound only after a user gesture: this click is it.
              audio.current ??= new AudioContext();
              void audio.current.resume();
              beep(audio.current);
              setSound(true);
            }}
          >
            {sound ? t('alarms.soundOn') : t('alarms.soundOff')}
          </Button>
        </Space>
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="alarm-stats">
        <Col xs={12} md={4}><Card><Statistic title={`${t('alarms.stats.today')} ${t('alarms.stats.opened')}`} value={s?.opened ?? '–'} /></Card></Col>
        <Col xs={12} md={4}><Card><Statistic title={t('alarms.stats.live')} value={s?.live ?? '–'} /></Card></Col>
        <Col xs={12} md={4}><Card><Statistic title={t('alarms.stats.closed')} value={s?.closed ?? '–'} /></Card></Col>
        <Col xs={12} md={4}><Card><Statistic title={t('alarms.stats.falseAlarms')} value={s?.falseAlarms ?? '–'} /></Card></Col>
        <Col xs={12} md={4}>
          <Card>
            <Statistic title={t('alarms.stats.within15')} value={s?.shareWithin15Min == null ? '–' : Math.round(s.shareWithin15Min * 100)} suffix={s?.shareWithin15Min == null ? '' : `% (${s.arrivalsWithin15Min}/${s.arrivals})`} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card>
            <Statistic title={t('alarms.stats.medianArrival')} value={s?.medianTimeToArrivalSeconds == null ? '–' : formatAge(s.medianTimeToArrivalSeconds * 1000)} />
          </Card>
        </Col>
      </Row>
      {queue.isError && <Alert type="error" showIcon title={errorText(queue.error)} style={{ marginBottom: 16 }} />}
      <Table<Alarm>
        rowKey="id"
        data-testid="alarm-queue"
        loading={queue.isLoading}
        dataSource={queue.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('alarms.empty') }}
        onRow={(a) => ({ onClick: () => navigate(`/alarms/${a.id}`), style: { cursor: 'pointer' }, 'data-testid': `alarm-row-${a.id}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('alarms.priority'), dataIndex: 'priority', width: 90, render: (p: number) => <Tag color={PRIORITY_COLOR[p]}>P{p}</Tag> },
          { title: t('alarms.kind'), dataIndex: 'kind', render: (k: string, a) => <Space><strong>{t(`alarms.kinds.${k}`)}</strong>{a.eventCount > 1 && <Tag>{a.eventCount} {t('alarms.presses')}</Tag>}</Space> },
          { title: t('alarms.elder'), dataIndex: 'elderName', render: (n: string | null) => n ?? '—' },
          { title: t('alarms.place'), dataIndex: 'orgUnitName' },
          { title: t('alarms.state'), dataIndex: 'state', render: (st: string, a) => <Space><Tag color={STATE_COLOR[st]}>{t(`alarms.states.${st}`)}</Tag>{a.claimedBy?.name}{a.responder && ` → ${a.responder.name}`}</Space> },
          {
            title: t('alarms.age'),
            dataIndex: 'openedAt',
            width: 120,
            render: (at: string, a) => (
              <span title={formatDateTime(at)} style={{ fontVariantNumeric: 'tabular-nums', color: a.claimBreached || a.arrivalBreached ? '#cf1322' : undefined }}>
                {formatAge(now - Date.parse(at))}
              </span>
            ),
          },
          { title: '', key: 'go', width: 80, render: (_, a) => <Button size="small" onClick={() => navigate(`/alarms/${a.id}`)}>{t('alarms.open')}</Button> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        <WifiOutlined /> {t('alarms.live')}
      </Typography.Paragraph>
    </>
  );
}
