import { CATEGORY_ZH, describeIdNumberProblem, ELIGIBILITY_CATEGORIES, LIVING_SITUATION_ZH, LIVING_SITUATIONS, parseIdNumber, PHONE_PATTERN, type CreateElder, type ElderDetail, type UpdateElder } from '@yiyang/contracts';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Spin, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgTree } from '../../app/org.js';
import type { OrgUnitNode } from '@yiyang/contracts';
import { useElder, useSaveElder } from './elders.api.js';

interface FormValues {
  name: string;
  idNumber: string;
  phone?: string;
  orgUnitId: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  livingSituation: string[];
  categories: string[];
  emergencyContacts: { name: string; relation: string; phone: string }[];
  householdMembers: { name: string; relation: string; livesTogether: boolean; phone?: string }[];
}

type PickerNode = { value: string; title: string; selectable: boolean; children: PickerNode[] };
/** Elders live in a grid or a compound; higher units are shown for orientation only. */
const toNodes = (nodes: OrgUnitNode[]): PickerNode[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, selectable: n.level === 'grid' || n.level === 'compound', children: toNodes(n.children) }));

/** Create or edit an elder's record; the ID number is checked here exactly as the server checks it. */
export default function ElderFormPage() {
  const { id } = useParams();
  const elder = useElder(id ?? '');
  if (id && elder.isPending) return <Spin />;
  return <ElderForm existing={id ? elder.data : undefined} />;
}

function ElderForm({ existing }: { existing: ElderDetail | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveElder(existing?.id);
  const tree = useOrgTree();
  const treeData = useMemo(() => toNodes(tree.data?.roots ?? []), [tree.data]);
  const idNumber = Form.useWatch('idNumber', form);
  const derived = useMemo(() => {
    if (!idNumber) return null;
    const p = parseIdNumber(idNumber);
    return 'problem' in p ? null : p;
  }, [idNumber]);

  const duplicateId = save.error instanceof ApiError && save.error.status === 409 ? (save.error.details as { existingElderId?: string } | undefined)?.existingElderId : undefined;

  const onFinish = async (v: FormValues) => {
    const body = {
      name: v.name,
      ...(existing && v.idNumber === existing.idNumber ? {} : { idNumber: v.idNumber }),
      ...(v.phone ? { phone: v.phone } : existing ? { phone: null } : {}),
      orgUnitId: v.orgUnitId,
      address: v.address ?? '',
      ...(v.lat != null && v.lng != null ? { location: { lat: v.lat, lng: v.lng } } : {}),
      livingSituation: v.livingSituation,
      categories: v.categories,
      // On edit, lists left empty keep what is stored (their numbers are only shown masked).
      ...(v.emergencyContacts.length || !existing ? { emergencyContacts: v.emergencyContacts } : {}),
      ...(v.householdMembers.length || !existing ? { householdMembers: v.householdMembers.map((m) => ({ ...m, phone: m.phone || undefined })) } : {}),
    };
    const saved = await save.mutateAsync(body as CreateElder & UpdateElder);
    navigate(`/elders/${saved.id}`);
  };

  return (
    <>
      <Typography.Title level={2}>{existing ? `${t('elders.edit')}：${existing.name}` : t('elders.create')}</Typography.Title>
      {save.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={duplicateId !== undefined || (save.error instanceof ApiError && save.error.status === 409) ? t('elders.duplicate') : errorText(save.error)}
          action={duplicateId ? <Link to={`/elders/${duplicateId}`}>{t('elders.openExisting')}</Link> : undefined}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 860 }}
        onFinish={(v) => void onFinish(v).catch(() => undefined)}
        initialValues={
          existing
            ? {
                name: existing.name,
                idNumber: existing.idNumber,
                orgUnitId: existing.orgUnitId,
                address: existing.address,
                lat: existing.location?.lat ?? null,
                lng: existing.location?.lng ?? null,
                livingSituation: existing.livingSituation,
                categories: existing.categories,
                // Masked numbers cannot be sent back: contacts are re-entered when edited.
                emergencyContacts: [],
                householdMembers: [],
              }
            : { livingSituation: [], categories: [], emergencyContacts: [{ name: '', relation: '', phone: '' }], householdMembers: [] }
        }
      >
        <Card style={{ marginBottom: 16 }}>
          <Space wrap align="start">
            <Form.Item name="name" label={t('elders.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input style={{ width: 200 }} data-testid="elder-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('elders.idNumber')}
              extra={derived ? t('elders.derived', { birthDate: derived.birthDate, sex: derived.sex === 'male' ? '男' : '女' }) : undefined}
              rules={[
                { required: true },
                {
                  validator: async (_r, v: string) => {
                    if (!v || (existing && v === existing.idNumber)) return;
                    const p = parseIdNumber(v);
                    if ('problem' in p) throw new Error(describeIdNumberProblem(p.problem));
                  },
                },
              ]}
            >
              <Input style={{ width: 260, fontFamily: 'monospace' }} maxLength={18} data-testid="elder-id-number" />
            </Form.Item>
            <Form.Item name="phone" label={t('elders.phone')} rules={[{ pattern: PHONE_PATTERN }]} extra={existing?.phone ? existing.phone : undefined}>
              <Input style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="orgUnitId" label={t('elders.orgUnit')} rules={[{ required: true }]}>
            <TreeSelect treeData={treeData} showSearch={{ treeNodeFilterProp: 'title' }} style={{ maxWidth: 420 }} />
          </Form.Item>
          <Form.Item name="address" label={t('elders.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="lat" label="纬度">
              <InputNumber min={-90} max={90} step={0.000001} />
            </Form.Item>
            <Form.Item name="lng" label="经度">
              <InputNumber min={-180} max={180} step={0.000001} />
            </Form.Item>
          </Space>
          <Form.Item name="livingSituation" label={t('elders.livingSituation')}>
            <Checkbox.Group options={LIVING_SITUATIONS.map((c) => ({ value: c, label: LIVING_SITUATION_ZH[c] }))} />
          </Form.Item>
          <Form.Item name="categories" label={t('elders.categories')}>
            <Select mode="multiple" options={ELIGIBILITY_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_ZH[c] }))} />
          </Form.Item>
        </Card>
        <Card title={t('elders.emergencyContacts')} style={{ marginBottom: 16 }}>
          <Form.List name="emergencyContacts" rules={existing ? [] : [{ validator: async (_r, v: unknown[]) => { if (!v?.length) throw new Error('at least one emergency contact is required'); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 30 }]}><Input placeholder={t('elders.name')} /></Form.Item>
                    <Form.Item name={[f.name, 'relation']} rules={[{ required: true, max: 20 }]}><Input placeholder={t('elders.relation')} /></Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[{ required: true }, { pattern: PHONE_PATTERN }]}><Input placeholder={t('elders.phone')} /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', relation: '', phone: '' })} icon={<PlusOutlined />}>{t('elders.addContact')}</Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Card>
        <Card title={t('elders.householdMembers')} style={{ marginBottom: 16 }}>
          <Form.List name="householdMembers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 30 }]}><Input placeholder={t('elders.name')} /></Form.Item>
                    <Form.Item name={[f.name, 'relation']} rules={[{ required: true, max: 20 }]}><Input placeholder={t('elders.relation')} /></Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[{ pattern: PHONE_PATTERN }]}><Input placeholder={t('elders.phone')} /></Form.Item>
                    <Form.Item name={[f.name, 'livesTogether']} valuePropName="checked" initialValue={true}><Checkbox>{t('elders.livesTogether')}</Checkbox></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', relation: '', livesTogether: true })} icon={<PlusOutlined />}>{t('elders.addMember')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="elder-save">{t('common.save')}</Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
