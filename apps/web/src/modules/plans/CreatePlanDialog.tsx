import { PAYERS } from '@yiyang/contracts';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.js';
import { currentLanguage } from '../../app/i18n.js';
import { DISTRICT_TZ, dayjs } from '../../app/time.js';
import { useCatalog } from '../orders/api.js';
import { useCreateCarePlan } from './plans.api.js';
import { buildRrule, describeSchedule, WEEKDAYS, type ScheduleKind, type SchedulePick, type Weekday } from './schedule.js';
import { useScheduleWords } from './words.js';
import './plans.i18n.js';

interface Values {
  itemIds: string[];
  kind: ScheduleKind;
  days: Weekday[];
  everyDays: number;
  startTime: Dayjs;
  durationMinutes: number;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  payer: (typeof PAYERS)[number];
  notes?: string;
}

const KINDS: ScheduleKind[] = ['daily', 'weekdays', 'weekly', 'interval'];

/** Today in Beijing as a calendar date the pickers show, whatever the browser's zone. */
function districtToday(): Dayjs {
  return dayjs(dayjs().tz(DISTRICT_TZ).format('YYYY-MM-DD'));
}

function pickOf(v: Pick<Values, 'kind' | 'days' | 'everyDays'>): SchedulePick {
  return { kind: v.kind, days: v.days, everyDays: v.everyDays };
}

/** A new plan: services from the catalogue and a schedule picked, never typed as an RRULE. */
export function CreatePlanDialog({ elderId, onClose }: { elderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const catalog = useCatalog();
  const create = useCreateCarePlan();
  const words = useScheduleWords();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const days = Form.useWatch('days', form);
  const everyDays = Form.useWatch('everyDays', form);
  const startTime = Form.useWatch('startTime', form);
  const durationMinutes = Form.useWatch('durationMinutes', form);
  const payer = Form.useWatch('payer', form);

  const itemOptions = useMemo(() => {
    const en = currentLanguage() === 'en';
    return (catalog.data?.categories ?? [])
      .map((c) => ({
        label: en ? c.nameEn : c.name,
        options: (catalog.data?.items ?? []).filter((i) => i.categoryCode === c.code && i.active).map((i) => ({ value: i.id, label: i.name })),
      }))
      .filter((g) => g.options.length > 0);
  }, [catalog.data]);

  let preview: string | null = null;
  try {
    if (kind && startTime && durationMinutes) preview = describeSchedule({ rrule: buildRrule(pickOf({ kind, days: days ?? [], everyDays })), startTime: startTime.format('HH:mm'), durationMinutes }, words);
  } catch {
    preview = null; // not a whole schedule yet (no day picked)
  }

  const onFinish = (v: Values) =>
    create.mutate(
      {
        elderId,
        itemIds: v.itemIds,
        rrule: buildRrule(pickOf(v)),
        startTime: v.startTime.format('HH:mm'),
        durationMinutes: v.durationMinutes,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        ...(v.endsOn ? { endsOn: v.endsOn.format('YYYY-MM-DD') } : {}),
        payer: v.payer,
        notes: v.notes?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('plans.form.created'));
          onClose();
        },
      },
    );

  return (
    <Modal open title={t('plans.new')} width={640} onCancel={onClose} footer={null} destroyOnHidden>
      {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'weekly', days: [], everyDays: 2, startTime: dayjs('09:00', 'HH:mm'), durationMinutes: 60, startsOn: districtToday().add(1, 'day'), payer: 'subsidy' }}
      >
        <Form.Item name="itemIds" label={t('plans.form.items')} rules={[{ required: true }, { type: 'array', max: 10 }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={itemOptions} loading={catalog.isPending} data-testid="care-plan-items" />
        </Form.Item>
        <Form.Item name="kind" label={t('plans.form.kind')}>
          <Radio.Group optionType="button">
            {KINDS.map((k) => <Radio.Button key={k} value={k} data-testid={`care-plan-kind-${k}`}>{t(`plans.form.kinds.${k}`)}</Radio.Button>)}
          </Radio.Group>
        </Form.Item>
        {kind === 'weekly' && (
          <Form.Item name="days" label={t('plans.form.days')} rules={[{ type: 'array', min: 1, message: t('plans.form.daysRequired') }]}>
            <Checkbox.Group>
              {WEEKDAYS.map((d, i) => (
                <Checkbox key={d} value={d} data-testid={`care-plan-day-${d}`}>{t('plans.schedule.weekday', { day: words.weekdays[i] })}</Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
        {kind === 'interval' && (
          <Form.Item label={t('plans.form.everyDays')}>
            <Space>
              <Form.Item name="everyDays" noStyle rules={[{ required: true }, { type: 'integer', min: 2, max: 60 }]}>
                <InputNumber min={2} max={60} precision={0} />
              </Form.Item>
              {t('plans.form.everyDaysUnit')}
            </Space>
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="startTime" label={t('plans.form.startTime')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} data-testid="care-plan-time" />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('plans.form.duration')} rules={[{ required: true }, { type: 'integer', min: 15, max: 720 }]}>
            <InputNumber min={15} max={720} step={15} precision={0} suffix={t('plans.form.minutes')} style={{ width: 140 }} data-testid="care-plan-duration" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="startsOn" label={t('plans.form.startsOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(districtToday(), 'day')} data-testid="care-plan-starts" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('plans.form.endsOn')}
            help={t('plans.form.endsOnHelp')}
            dependencies={['startsOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, end: Dayjs | null | undefined) => {
                  const start = getFieldValue('startsOn') as Dayjs | undefined;
                  return !end || !start || !end.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(`${t('plans.form.endsOn')} ≥ ${t('plans.form.startsOn')}`));
                },
              }),
            ]}
          >
            <DatePicker data-testid="care-plan-ends" />
          </Form.Item>
        </Space>
        <Form.Item name="payer" label={t('plans.form.payer')} help={payer === 'package' ? t('plans.form.packageHelp') : undefined}>
          <Radio.Group>
            {PAYERS.map((p) => <Radio key={p} value={p}>{t(`plans.payer.${p}`)}</Radio>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="notes" label={t('plans.form.notes')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t('plans.form.notesPlaceholder')} />
        </Form.Item>
        {preview && <Typography.Paragraph type="secondary" data-testid="care-plan-preview">{t('plans.form.preview', { text: preview })}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="care-plan-submit">{t('plans.form.submit')}</Button>
      </Form>
    </Modal>
  );
}
