import { HEALTH_ITEM_KINDS, MEASUREMENT_KINDS, type ElderDetail, type HealthItem, type Measurement, type MeasurementKind } from '@yiyang/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Spin, Table } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { dayjs, formatDateTime } from '../../app/time.js';
import { useAddHealthItem, useAddMeasurement, useHealthItems, useMeasurements } from './elders.api.js';
import { useQueryClient } from '@tanstack/react-query';
import { elderKeys } from './elders.api.js';

const EChart = lazy(() => import('../../app/EChart.js'));

/** Conditions, allergies, medications and disabilities, and a chart per kind of measurement. */
export function HealthTab({ elder }: { elder: ElderDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const items = useHealthItems(elder.id);
  const measurements = useMeasurements(elder.id);
  const [adding, setAdding] = useState<'item' | 'measurement' | null>(null);
  const byKind = useMemo(() => {
    const m = new Map<MeasurementKind, Measurement[]>();
    for (const x of measurements.data?.items ?? []) m.set(x.kind, [...(m.get(x.kind) ?? []), x]);
    return m;
  }, [measurements.data]);
  const writable = can('health.write') && elder.status === 'active';

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('elders.health.items')} extra={writable && <Button icon={<PlusOutlined />} onClick={() => setAdding('item')}>{t('elders.health.addItem')}</Button>}>
        <Table<HealthItem>
          rowKey="id"
          size="small"
          pagination={false}
          loading={items.isPending}
          dataSource={items.data?.items ?? []}
          columns={[
            { title: t('elders.health.kind'), dataIndex: 'kind', render: (k: string) => t(`elders.health.kinds.${k}`) },
            { title: t('elders.health.itemName'), dataIndex: 'name' },
            { title: t('elders.health.code'), dataIndex: 'code', render: (v: string | null) => v ?? '' },
            { title: t('elders.health.dose'), render: (_v, i) => [i.dose, i.route, i.frequency, i.reaction, i.grade ? t('elders.health.gradeValue', { grade: i.grade }) : null].filter(Boolean).join(' · ') },
            { title: t('elders.health.since'), dataIndex: 'since', render: (v: string | null) => v ?? '' },
            ...(writable
              ? [{
                  title: '',
                  // Ending cannot be undone from the console, so it asks first; a refusal is said, not swallowed.
                  render: (_v: unknown, i: HealthItem) => (
                    <Popconfirm
                      title={t('elders.health.endConfirm', { name: i.name })}
                      onConfirm={() =>
                        api(`/api/v1/elders/${elder.id}/health-items/${i.id}/end`, { method: 'POST' })
                          .then(() => qc.invalidateQueries({ queryKey: elderKeys.all }))
                          .catch((err: unknown) => void message.error(errorText(err)))
                      }
                    >
                      <Button size="small" data-testid={`health-item-end-${i.id}`}>{t('elders.health.end')}</Button>
                    </Popconfirm>
                  ),
                }]
              : []),
          ]}
        />
      </Card>
      <Card title={t('elders.health.measurements')} extra={writable && <Button icon={<PlusOutlined />} onClick={() => setAdding('measurement')}>{t('elders.health.addMeasurement')}</Button>}>
        {measurements.isPending ? <Spin /> : (
          <Row gutter={[16, 16]}>
            {MEASUREMENT_KINDS.map((k) => (
              <Col key={k} xs={24} lg={12}>
                <Card size="small" title={t(`elders.health.charts.${k}`)}>
                  {byKind.get(k)?.length ? (
                    <Suspense fallback={<Spin />}>
                      <EChart height={220} ariaLabel={t(`elders.health.charts.${k}`)} option={chartOption(k, byKind.get(k)!, t)} />
                    </Suspense>
                  ) : <Empty description={t('elders.health.noData')} />}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {adding === 'item' && <AddItem elderId={elder.id} onClose={() => setAdding(null)} />}
      {adding === 'measurement' && <AddMeasurement elderId={elder.id} onClose={() => setAdding(null)} />}
    </Space>
  );
}

function chartOption(kind: MeasurementKind, points: Measurement[], t: (key: string) => string) {
  const time = (m: Measurement) => formatDateTime(m.measuredAt).slice(0, 16);
  // Series names show in the tooltip and the legend: words, not codes.
  const series = kind === 'blood_pressure'
    ? [
        { name: t('elders.health.systolic'), type: 'line', data: points.map((m) => [time(m), m.systolic]) },
        { name: t('elders.health.diastolic'), type: 'line', data: points.map((m) => [time(m), m.diastolic]) },
      ]
    : [{ name: t(`elders.health.charts.${kind}`), type: 'line', data: points.map((m) => [time(m), m.value]) }];
  return {
    tooltip: { trigger: 'axis' },
    legend: kind === 'blood_pressure' ? { top: 0 } : undefined,
    grid: { left: 40, right: 16, top: 30, bottom: 30 },
    xAxis: { type: 'category' },
    yAxis: { type: 'value', scale: true },
    series,
  };
}

function AddItem({ elderId, onClose }: { elderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const add = useAddHealthItem(elderId);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as string | undefined;
  return (
    <Modal open title={t('elders.health.addItem')} onCancel={onClose} footer={null} destroyOnHidden>
      {add.isError && <Alert type="error" showIcon title={errorText(add.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'condition' }}
        onFinish={(v: Record<string, unknown>) => {
          const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && x !== null).map(([k, x]) => [k, k === 'since' ? (x as ReturnType<typeof dayjs>).format('YYYY-MM-DD') : x]));
          add.mutate(body as never, { onSuccess: onClose });
        }}>
        <Form.Item name="kind" label={t('elders.health.kind')}><Select options={HEALTH_ITEM_KINDS.map((k) => ({ value: k, label: t(`elders.health.kinds.${k}`) }))} /></Form.Item>
        <Form.Item name="name" label={t('elders.health.itemName')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        {kind === 'condition' && <Form.Item name="code" label={t('elders.health.code')} rules={[{ pattern: /^[A-Za-z]\d{2}(\.\d{1,2})?$/ }]}><Input placeholder="I10" /></Form.Item>}
        {kind === 'medication' && (
          <Space>
            <Form.Item name="dose" label={t('elders.health.dose')}><Input /></Form.Item>
            <Form.Item name="route" label={t('elders.health.route')}><Input /></Form.Item>
            <Form.Item name="frequency" label={t('elders.health.frequency')}><Input /></Form.Item>
          </Space>
        )}
        {kind === 'allergy' && <Form.Item name="reaction" label={t('elders.health.reaction')}><Input /></Form.Item>}
        {kind === 'disability' && <Form.Item name="grade" label={t('elders.health.grade')}><InputNumber min={1} max={4} precision={0} /></Form.Item>}
        <Form.Item name="since" label={t('elders.health.since')}><DatePicker /></Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>{t('common.save')}</Button>
      </Form>
    </Modal>
  );
}

function AddMeasurement({ elderId, onClose }: { elderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const add = useAddMeasurement(elderId);
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as MeasurementKind | undefined) ?? 'blood_pressure';
  return (
    <Modal open title={t('elders.health.addMeasurement')} onCancel={onClose} footer={null} destroyOnHidden>
      {add.isError && <Alert type="error" showIcon title={errorText(add.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'blood_pressure', measuredAt: dayjs() }}
        onFinish={(v: { kind: MeasurementKind; measuredAt: ReturnType<typeof dayjs>; systolic?: number; diastolic?: number; value?: number }) => {
          const measuredAt = v.measuredAt.toISOString();
          const body = v.kind === 'blood_pressure' ? { kind: v.kind, measuredAt, systolic: v.systolic, diastolic: v.diastolic } : { kind: v.kind, measuredAt, value: v.value };
          add.mutate(body as never, { onSuccess: onClose });
        }}>
        <Form.Item name="kind" label={t('elders.health.kind')}><Select options={MEASUREMENT_KINDS.map((k) => ({ value: k, label: t(`elders.health.charts.${k}`) }))} /></Form.Item>
        <Form.Item name="measuredAt" label={t('elders.health.measuredAt')} rules={[{ required: true }]}><DatePicker showTime disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        {kind === 'blood_pressure' ? (
          <Space>
            <Form.Item name="systolic" label={t('elders.health.systolic')} rules={[{ required: true }]}><InputNumber min={50} max={300} precision={0} /></Form.Item>
            <Form.Item name="diastolic" label={t('elders.health.diastolic')} rules={[{ required: true }]}><InputNumber min={20} max={200} precision={0} /></Form.Item>
          </Space>
        ) : (
          <Form.Item name="value" label={t('elders.health.value')} rules={[{ required: true }]}><InputNumber min={1} max={300} /></Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={add.isPending}>{t('common.save')}</Button>
      </Form>
    </Modal>
  );
}
