import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { DISTRICT_TZ, dayjs } from '../../app/time.js';
import { useHolidays, useRemoveHoliday, useSetHoliday, type Holiday } from './plans.api.js';
import { useScheduleWords } from './words.js';
import './plans.i18n.js';

/**
 * 节假日: the bureau's calendar of days care plans skip. Each change says how many plan visits it
 * cancelled or brought back, since that is what the helpers' week depends on.
 */
export default function HolidaysPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const errorText = useErrorText();
  const words = useScheduleWords();
  const holidays = useHolidays();
  const setHoliday = useSetHoliday();
  const removeHoliday = useRemoveHoliday();
  const [form] = Form.useForm<{ day: Dayjs; name: string }>();
  const [result, setResult] = useState<string | null>(null);
  const manage = can('catalog.manage');

  const today = dayjs().tz(DISTRICT_TZ).format('YYYY-MM-DD');
  const all = holidays.data?.items ?? [];
  const upcoming = all.filter((h) => h.day >= today);
  const recent = all.filter((h) => h.day < today).reverse();
  const known = new Set(all.map((h) => h.day));
  const failed = setHoliday.error ?? removeHoliday.error;

  const onAdd = (v: { day: Dayjs; name: string }) => {
    const day = v.day.format('YYYY-MM-DD');
    const renaming = known.has(day);
    setResult(null);
    setHoliday.mutate({ day, name: v.name.trim() }, {
      onSuccess: (r) => {
        setResult(renaming && r.cancelledOrders === 0 ? t('plans.holidays.renamed', { day: r.day, name: r.name }) : t('plans.holidays.set', { day: r.day, name: r.name, n: r.cancelledOrders }));
        form.resetFields();
      },
    });
  };
  const onRemove = (h: Holiday) => {
    setResult(null);
    removeHoliday.mutate(h.day, { onSuccess: (r) => setResult(t('plans.holidays.removed', { day: r.day, n: r.restoredOrders })) });
  };

  const table = (rows: Holiday[], testId: string) => (
    <Table<Holiday>
      rowKey="day"
      size="small"
      pagination={false}
      loading={holidays.isPending}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: t('plans.holidays.none') }}
      columns={[
        { title: t('plans.holidays.day'), dataIndex: 'day' },
        { title: t('plans.holidays.weekday'), dataIndex: 'day', render: (d: string) => t('plans.schedule.weekday', { day: words.weekdays[(dayjs(d).day() + 6) % 7] }) },
        { title: t('plans.holidays.name'), dataIndex: 'name' },
        ...(manage
          ? [{
              title: '',
              align: 'right' as const,
              render: (_: unknown, h: Holiday) => (
                <Popconfirm title={t('plans.holidays.removeConfirm', { day: h.day, name: h.name })} onConfirm={() => onRemove(h)}>
                  <Button size="small" danger loading={removeHoliday.isPending && removeHoliday.variables === h.day} data-testid={`holiday-remove-${h.day}`}>{t('plans.holidays.remove')}</Button>
                </Popconfirm>
              ),
            }]
          : []),
      ]}
    />
  );

  return (
    <>
      <Typography.Title level={2}>{t('plans.holidays.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 800 }}>{t('plans.holidays.intro')}</Typography.Paragraph>
      {holidays.isError && <Alert type="error" showIcon title={errorText(holidays.error)} style={{ marginBottom: 16 }} />}
      {failed && <Alert type="error" showIcon title={errorText(failed)} style={{ marginBottom: 16 }} />}
      {result && <Alert type="success" showIcon closable title={<span data-testid="holiday-result">{result}</span>} onClose={() => setResult(null)} style={{ marginBottom: 16 }} />}
      {manage && (
        <Card style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" onFinish={onAdd}>
            <Form.Item name="day" label={t('plans.holidays.day')} rules={[{ required: true }]}>
              <DatePicker data-testid="holiday-day" />
            </Form.Item>
            <Form.Item name="name" label={t('plans.holidays.name')} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
              <Input placeholder={t('plans.holidays.namePlaceholder')} maxLength={40} data-testid="holiday-name" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={setHoliday.isPending} data-testid="holiday-add">{t('plans.holidays.add')}</Button>
          </Form>
        </Card>
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Card title={t('plans.holidays.upcoming')}>{table(upcoming, 'holidays-upcoming')}</Card>
        <Card title={t('plans.holidays.recent')}>{table(recent, 'holidays-recent')}</Card>
      </Space>
    </>
  );
}
