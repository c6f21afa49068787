import { ELDER_STATUSES, type ElderDetail, type ElderStatus } from '@yiyang/contracts';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { dayjs } from '../../app/time.js';
import { AssessmentTab } from './AssessmentTab.js';
import { useElder, useElderAction } from './elders.api.js';
import { CareLevelTag, StatusTag } from './ElderTags.js';
import { HealthTab } from './HealthTab.js';
import ElderAlarmsTab from '../alarms/ElderAlarmsTab.js';
import ElderServicesTab from '../orders/ElderServicesTab.js';

interface Revealed {
  idNumber?: string;
  phone?: string | null;
  emergencyContacts?: { name: string; relation: string; phone: string }[];
  householdMembers?: { name: string; relation: string; phone: string | null }[];
}

/** One elder: profile, assessment, health, contacts; the services and alarms tabs come from their modules. */
export default function ElderPage() {
  const { id = '' } = useParams();
  const errorText = useErrorText();
  const elder = useElder(id);
  if (elder.isPending) return <Spin />;
  if (elder.isError) return <Alert type="error" showIcon title={errorText(elder.error)} />;
  return <ElderView elder={elder.data} />;
}

function ElderView({ elder }: { elder: ElderDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [statusOpen, setStatusOpen] = useState(false);
  const reveal = useElderAction<{ fields: string[] }, Revealed>((e) => `/api/v1/elders/${e}/reveal`, elder.id);
  const changeStatus = useElderAction<{ status: ElderStatus; effectiveDate?: string; note?: string }, ElderDetail>((e) => `/api/v1/elders/${e}/status`, elder.id);

  const show = (masked: string | null, full: string | null | undefined) => (full !== undefined ? full ?? '—' : masked ?? '—');
  const contacts = revealed?.emergencyContacts ?? elder.emergencyContacts;
  const household = revealed?.householdMembers ?? elder.householdMembers;

  return (
    <>
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="elder-name-title">
          {elder.name}
        </Typography.Title>
        <StatusTag status={elder.status} />
        <CareLevelTag level={elder.careLevel} />
        {can('elders.write') && elder.status !== 'deceased' && (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/elders/${elder.id}/edit`)}>{t('elders.edit')}</Button>
        )}
        {can('elders.write') && elder.status !== 'deceased' && <Button onClick={() => setStatusOpen(true)}>{t('elders.changeStatus')}</Button>}
        {can('elders.reveal') && !revealed && (
          <Button icon={<EyeOutlined />} loading={reveal.isPending} data-testid="elder-reveal"
            onClick={() => reveal.mutate({ fields: ['idNumber', 'phone', 'emergencyContacts', 'householdMembers'] }, { onSuccess: setRevealed })}>
            {t('elders.reveal')}
          </Button>
        )}
      </Space>
      {reveal.isError && <Alert type="error" showIcon title={errorText(reveal.error)} style={{ marginBottom: 16 }} />}
      {revealed && <Alert type="warning" showIcon title={t('elders.revealTitle')} style={{ marginBottom: 16 }} />}
      <Tabs
        items={[
          {
            key: 'profile',
            label: t('elders.tabs.profile'),
            children: (
              <Card>
                <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                  <Descriptions.Item label={t('elders.idNumber')}><span style={{ fontFamily: 'monospace' }} data-testid="elder-id-value">{show(elder.idNumber, revealed?.idNumber)}</span></Descriptions.Item>
                  <Descriptions.Item label={t('elders.phone')}>{show(elder.phone, revealed?.phone)}</Descriptions.Item>
                  <Descriptions.Item label={t('elders.sex')}><span data-testid="elder-sex">{t(`elders.sexes.${elder.sex}`)}</span></Descriptions.Item>
                  <Descriptions.Item label={t('elders.birthDate')}>{t('elders.birthDateAge', { birthDate: elder.birthDate, age: elder.age })}</Descriptions.Item>
                  <Descriptions.Item label={t('elders.orgUnit')}>{elder.orgUnitName}</Descriptions.Item>
                  <Descriptions.Item label={t('elders.address')}>{elder.address || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('elders.location')}>{elder.location ? `${elder.location.lat}, ${elder.location.lng}` : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('elders.livingSituation')}><span data-testid="elder-living">{elder.livingSituation.length ? elder.livingSituation.map((c) => <Tag key={c}>{t(`elders.livingSituations.${c}`)}</Tag>) : t('elders.none')}</span></Descriptions.Item>
                  <Descriptions.Item label={t('elders.categories')}><span data-testid="elder-categories">{elder.categories.length ? elder.categories.map((c) => <Tag key={c} color="blue">{t(`elders.categoryNames.${c}`)}</Tag>) : t('elders.none')}</span></Descriptions.Item>
                  <Descriptions.Item label={t('elders.careTier')}><span data-testid="elder-care-tier">{elder.careTier ? t(`elders.careTiers.${elder.careTier}`) : t('elders.notAssessed')}</span></Descriptions.Item>
                  <Descriptions.Item label={t('elders.status')}><span data-testid="elder-status">{elder.statusNote ? t('elders.statusWithNote', { status: t(`elders.statuses.${elder.status}`), note: elder.statusNote }) : t(`elders.statuses.${elder.status}`)}</span></Descriptions.Item>
                </Descriptions>
              </Card>
            ),
          },
          { key: 'assessment', label: t('elders.tabs.assessment'), children: <AssessmentTab elder={elder} /> },
          { key: 'health', label: t('elders.tabs.health'), children: <HealthTab elder={elder} /> },
          {
            key: 'contacts',
            label: t('elders.tabs.contacts'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Card title={t('elders.emergencyContacts')}>
                  <Table size="small" pagination={false} rowKey={(_r, i) => String(i)} dataSource={contacts}
                    columns={[{ title: '#', render: (_v, _r, i) => i + 1 }, { title: t('elders.name'), dataIndex: 'name' }, { title: t('elders.relation'), dataIndex: 'relation' }, { title: t('elders.phone'), dataIndex: 'phone' }]} />
                </Card>
                <Card title={t('elders.householdMembers')}>
                  <Table size="small" pagination={false} rowKey={(_r, i) => String(i)} dataSource={household}
                    columns={[{ title: t('elders.name'), dataIndex: 'name' }, { title: t('elders.relation'), dataIndex: 'relation' }, { title: t('elders.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' }]} />
                </Card>
              </Space>
            ),
          },
          { key: 'services', label: t('elders.tabs.services'), children: <ElderServicesTab elderId={elder.id} served={elder.status === 'active'} /> },
          // Not every reader of the registry works with alarms (providers do not).
          ...(can('alarms.read') ? [{ key: 'alarms', label: t('elders.tabs.alarms'), children: <ElderAlarmsTab elderId={elder.id} /> }] : []),
        ]}
      />
      <Modal open={statusOpen} title={t('elders.changeStatus')} onCancel={() => setStatusOpen(false)} footer={null} destroyOnHidden>
        {changeStatus.isError && <Alert type="error" showIcon title={errorText(changeStatus.error)} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" onFinish={(v: { status: ElderStatus; effectiveDate?: { format(f: string): string }; note?: string }) =>
          changeStatus.mutate({ status: v.status, ...(v.effectiveDate ? { effectiveDate: v.effectiveDate.format('YYYY-MM-DD') } : {}), ...(v.note ? { note: v.note } : {}) }, { onSuccess: () => setStatusOpen(false) })}>
          <Form.Item name="status" label={t('elders.status')} rules={[{ required: true }]}>
            <Select options={ELDER_STATUSES.filter((s) => s !== elder.status).map((s) => ({ value: s, label: t(`elders.statuses.${s}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: { status?: ElderStatus }, b: { status?: ElderStatus }) => a.status !== b.status}>
            {({ getFieldValue }) =>
              elder.status === 'active' && getFieldValue('status') && getFieldValue('status') !== 'active' ? (
                <Alert type="warning" showIcon title={t('elders.leavingServiceHint')} style={{ marginBottom: 12 }} data-testid="leaving-service-hint" />
              ) : null
            }
          </Form.Item>
          <Form.Item name="effectiveDate" label={t('elders.effectiveDate')}>
            {/* As the server: not in the future, not before birth. */}
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(elder.birthDate), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('elders.statusNote')} rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={changeStatus.isPending}>{t('common.save')}</Button>
        </Form>
      </Modal>
    </>
  );
}
