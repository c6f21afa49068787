import type { Device } from '@yiyang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useErrorText } from '../../app/errors.js';
import { formatDateTime } from '../../app/time.js';
import './alarms.i18n.js';

interface DeadLetter {
  id: string;
  receivedAt: string;
  via: string;
  reason: string;
  message: string;
  deviceId: string | null;
  eventId: string | null;
  raw: string;
}

/** 设备: the registry of the area's devices and what they sent that was refused. */
export default function DevicesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const devices = useQuery({
    queryKey: ['devices', page],
    queryFn: () => api<{ items: Device[]; total: number }>('/api/v1/devices', { query: { page, pageSize: 50 } }),
    placeholderData: (prev) => prev,
  });
  const letters = useQuery({ queryKey: ['device-dead-letters'], queryFn: () => api<{ items: DeadLetter[]; total: number }>('/api/v1/device-dead-letters') });
  const error = devices.error ?? letters.error;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('devices.title')}
      </Typography.Title>
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Tabs
        items={[
          {
            key: 'devices',
            label: t('devices.registry'),
            children: (
              <Table<Device>
                rowKey="id"
                loading={devices.isFetching}
                dataSource={devices.data?.items ?? []}
                pagination={{ current: page, pageSize: 50, total: devices.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
                columns={[
                  { title: t('devices.deviceId'), dataIndex: 'deviceId' },
                  { title: t('devices.kind'), dataIndex: 'kind', render: (k: string) => t(`devices.kinds.${k}`) },
                  { title: t('devices.boundTo'), key: 'bound', render: (_, d) => d.elderName ?? d.householdAddress ?? d.orgUnitName },
                  { title: t('devices.place'), dataIndex: 'orgUnitName' },
                  { title: t('devices.battery'), dataIndex: 'batteryPercent', render: (b: number | null) => (b == null ? '—' : <Tag color={b <= 15 ? 'red' : 'default'}>{b}%</Tag>) },
                  { title: t('devices.lastHeartbeat'), dataIndex: 'lastHeartbeatAt', render: (at: string | null) => formatDateTime(at) },
                  { title: t('devices.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'active' ? 'green' : s === 'faulty' ? 'red' : 'default'}>{t(`devices.statuses.${s}`)}</Tag> },
                ]}
              />
            ),
          },
          {
            key: 'dead',
            label: `${t('devices.deadLetters')} (${letters.data?.total ?? 0})`,
            children: (
              <Table<DeadLetter>
                rowKey="id"
                loading={letters.isFetching}
                dataSource={letters.data?.items ?? []}
                expandable={{ expandedRowRender: (l) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{l.raw}</pre> }}
                columns={[
                  { title: t('devices.receivedAt'), dataIndex: 'receivedAt', render: (at: string) => formatDateTime(at) },
                  { title: t('devices.via'), dataIndex: 'via' },
                  { title: t('devices.deviceId'), dataIndex: 'deviceId', render: (d: string | null) => d ?? '—' },
                  { title: t('devices.reason'), dataIndex: 'reason', render: (r: string) => <Tag>{r}</Tag> },
                  { title: t('devices.message'), dataIndex: 'message' },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
