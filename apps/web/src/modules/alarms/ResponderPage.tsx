import type { Alarm } from '@yiyang/contracts';
import { AimOutlined, CarOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import { useUser } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { formatAge, useAlarmQueue, useAlarmStream, useNow, alarmKeys } from './alarms.api.js';
import './alarms.i18n.js';

/** Where the phone is, if the responder lets us know; never blocks the button for long. */
function currentPosition(): Promise<{ lat: number; lng: number } | undefined> {
  if (!('geolocation' in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(undefined),
      { enableHighAccuracy: true, timeout: 5000, maximumAge: 30_000 },
    );
  });
}

/** The responder's phone: assignments arrive live; one big button for each step. */
export default function ResponderPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const queue = useAlarmQueue('live');
  const now = useNow();
  const [busy, setBusy] = useState<string | null>(null);
  useAlarmStream((m) => {
    if (m.topic === 'alarms.assigned' && 'vibrate' in navigator) navigator.vibrate([300, 100, 300]);
  });
  const me = useQuery({
    queryKey: ['responders', 'me', user.responderId],
    enabled: !!user.responderId,
    queryFn: async () => (await api<{ items: { id: string; onDuty: boolean }[] }>('/api/v1/responders')).items.find((r) => r.id === user.responderId) ?? null,
  });

  async function step(a: Alarm, action: 'en-route' | 'arrive') {
    setBusy(`${a.id}:${action}`);
    try {
      const position = await currentPosition();
      await api(`/api/v1/alarms/${a.id}/${action}`, { method: 'POST', body: position ? { position } : {} });
      await qc.invalidateQueries({ queryKey: alarmKeys.all });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  const items = queue.data?.items ?? [];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('mobile.alarms')}</Typography.Title>
        {me.data && (
          <Switch
            checked={me.data.onDuty}
            checkedChildren={t('alarms.mobile.onDuty')}
            unCheckedChildren={t('alarms.mobile.offDuty')}
            onChange={async (onDuty) => {
              const position = await currentPosition();
              await api(`/api/v1/responders/${user.responderId}`, { method: 'PATCH', body: { onDuty, ...(position ? { position } : {}) } });
              await me.refetch();
            }}
          />
        )}
      </Space>
      {items.length === 0 && <Empty description={<span style={{ fontSize: 20 }}>{t('alarms.mobile.none')}</span>} />}
      {items.map((a) => (
        <Card key={a.id} data-testid={`assignment-${a.id}`} style={{ borderColor: '#cf1322' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t(`alarms.kinds.${a.kind}`)} · {a.elderName ?? a.deviceId}
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 18 }}>
            {a.orgUnitName} · <Tag data-testid="assignment-state">{t(`alarms.states.${a.state}`)}</Tag> · {formatAge(now - Date.parse(a.openedAt))}
          </Typography.Paragraph>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {a.position && (
              <Button size="large" block icon={<AimOutlined />} href={`https://uri.amap.com/marker?position=${a.position.lng},${a.position.lat}&coordinate=wgs84`} target="_blank">
                {t('alarms.mobile.navigate')}
              </Button>
            )}
            {a.state === 'dispatched' && !a.enRouteAt && (
              <Button size="large" block type="primary" icon={<CarOutlined />} loading={busy === `${a.id}:en-route`} onClick={() => void step(a, 'en-route')} data-testid="responder-en-route">
                {t('alarms.actions.enRoute')}
              </Button>
            )}
            {a.state === 'dispatched' && (
              <Button size="large" block type="primary" danger icon={<CheckCircleOutlined />} loading={busy === `${a.id}:arrive`} onClick={() => void step(a, 'arrive')} data-testid="responder-arrive">
                {t('alarms.actions.arrive')}
              </Button>
            )}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
