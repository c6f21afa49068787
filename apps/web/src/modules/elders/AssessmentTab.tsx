import { ASSESSMENT_DOMAINS, ASSESSMENT_ITEMS, ASSESSMENT_REASONS, type Assessment, type AssessmentResult, type ElderDetail } from '@yiyang/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { dayjs } from '../../app/time.js';
import { useAssessments, useCreateAssessment } from './elders.api.js';
import { CareLevelTag } from './ElderTags.js';

/** GB/T 42195-2022 assessments: the history, and a form with the standard's 26 items. */
export function AssessmentTab({ elder }: { elder: ElderDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const history = useAssessments(elder.id);
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={t('elders.assessment.history')}
      extra={can('assessments.write') && elder.status === 'active' && <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('elders.assessment.new')}</Button>}
    >
      <Table<Assessment>
        rowKey="id"
        size="small"
        loading={history.isPending}
        dataSource={history.data?.items ?? []}
        expandable={{
          expandedRowRender: (a) => (
            <Space wrap>
              {ASSESSMENT_DOMAINS.map((d) => <Tag key={d}>{t(`elders.assessment.domains.${d}`)}: {a.domainScores[d]}</Tag>)}
              {a.diagnoses.length > 0 && <Tag color="purple">ICD-10: {a.diagnoses.join(', ')}</Tag>}
            </Space>
          ),
        }}
        columns={[
          { title: t('elders.assessment.assessedAt'), dataIndex: 'assessedAt' },
          { title: t('elders.assessment.reason'), dataIndex: 'reason', render: (r: string) => t(`elders.assessment.reasons.${r}`) },
          { title: t('elders.assessment.total'), dataIndex: 'totalScore' },
          { title: t('elders.assessment.preliminary'), dataIndex: 'preliminaryLevel', render: (l: number) => <CareLevelTag level={l} /> },
          { title: t('elders.assessment.final'), dataIndex: 'level', render: (l: number) => <CareLevelTag level={l} /> },
          { title: t('elders.assessment.overrides'), dataIndex: 'reasons', render: (rs: string[]) => rs.map((r) => <Tag key={r} color="orange">{t(`elders.assessment.overrideReasons.${r}`)}</Tag>) },
          { title: t('elders.careTier'), dataIndex: 'careTier', render: (c: Assessment['careTier']) => t(`elders.careTiers.${c}`) },
          { title: t('elders.assessment.assessor'), dataIndex: ['assessor', 'name'] },
        ]}
      />
      {open && <AssessmentForm elderId={elder.id} onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface Values {
  reason: string;
  assessedAt: ReturnType<typeof dayjs>;
  items: Record<string, number>;
  coma: boolean;
  diagnoses?: string;
  risk: { falls: number; choking: number; wandering: number; selfHarm: number };
}

function AssessmentForm({ elderId, onClose }: { elderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const create = useCreateAssessment(elderId);
  const [result, setResult] = useState<AssessmentResult | null>(null);
  const levels = t('elders.levels', { returnObjects: true }) as string[];
  const onFinish = (v: Values) =>
    create.mutate(
      {
        reason: v.reason as Assessment['reason'],
        assessedAt: v.assessedAt.format('YYYY-MM-DD'),
        items: v.items as Assessment['items'],
        coma: v.coma,
        diagnoses: (v.diagnoses ?? '').split(/[,，\s]+/).filter(Boolean),
        riskEvents30d: v.risk,
      },
      { onSuccess: setResult },
    );
  return (
    <Modal open title={t('elders.assessment.new')} width={880} onCancel={onClose} footer={null} destroyOnHidden>
      {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 12 }} />}
      {result ? (
        <Space direction="vertical">
          <Typography.Title level={4} data-testid="assessment-result">{t('elders.assessment.result', { total: result.totalScore, level: `${result.level} ${levels[result.level]}` })}</Typography.Title>
          {/* The standard's report keeps the level the total gave and the rules that moved it. */}
          {result.reasons.length > 0 && (
            <Typography.Text data-testid="assessment-preliminary">{t('elders.assessment.preliminaryResult', { level: `${result.preliminaryLevel} ${levels[result.preliminaryLevel]}` })}</Typography.Text>
          )}
          <Space wrap data-testid="assessment-reasons">{result.reasons.map((r) => <Tag key={r} color="orange">{t(`elders.assessment.overrideReasons.${r}`)}</Tag>)}</Space>
          <Button type="primary" onClick={onClose}>{t('elders.ok')}</Button>
        </Space>
      ) : (
        <Form<Values>
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            reason: 'routine',
            assessedAt: dayjs(),
            coma: false,
            items: Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.max])),
            risk: { falls: 0, choking: 0, wandering: 0, selfHarm: 0 },
          }}
        >
          <Space wrap>
            <Form.Item name="reason" label={t('elders.assessment.reason')}>
              <Select style={{ width: 200 }} options={ASSESSMENT_REASONS.map((r) => ({ value: r, label: t(`elders.assessment.reasons.${r}`) }))} />
            </Form.Item>
            <Form.Item name="assessedAt" label={t('elders.assessment.assessedAt')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Space>
          {ASSESSMENT_DOMAINS.map((d) => (
            <Card key={d} size="small" title={t(`elders.assessment.domains.${d}`)} style={{ marginBottom: 8 }}>
              <Space wrap>
                {ASSESSMENT_ITEMS.filter((i) => i.domain === d).map((i) => (
                  <Form.Item key={i.code} name={['items', i.code]} label={`${t(`elders.assessment.items.${i.code}`)} (0–${i.max})`} rules={[{ required: true }, { type: 'integer', min: 0, max: i.max }]} style={{ marginBottom: 4 }}>
                    <InputNumber min={0} max={i.max} precision={0} style={{ width: 90 }} />
                  </Form.Item>
                ))}
              </Space>
            </Card>
          ))}
          <Form.Item name="coma" valuePropName="checked"><Checkbox>{t('elders.assessment.coma')}</Checkbox></Form.Item>
          <Form.Item name="diagnoses" label={t('elders.assessment.diagnoses')} rules={[{ pattern: /^\s*([A-Za-z]\d{2}(\.\d{1,2})?[\s,，]*)*$/ }]}>
            <Input placeholder="F01, I10" />
          </Form.Item>
          <Typography.Text strong>{t('elders.assessment.riskEvents')}</Typography.Text>
          <Space wrap>
            {(['falls', 'choking', 'wandering', 'selfHarm'] as const).map((k) => (
              <Form.Item key={k} name={['risk', k]} label={t(`elders.assessment.${k}`)}>
                <InputNumber min={0} max={100} precision={0} />
              </Form.Item>
            ))}
          </Space>
          <div><Button type="primary" htmlType="submit" loading={create.isPending}>{t('common.save')}</Button></div>
        </Form>
      )}
    </Modal>
  );
}
