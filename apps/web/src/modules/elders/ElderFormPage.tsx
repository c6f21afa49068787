import { ELIGIBILITY_CATEGORIES, LIVING_SITUATIONS, parseIdNumber, PHONE_PATTERN, type CreateElder, type ElderDetail, type UpdateElder } from '@yiyang/contracts';
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
  emergencyContacts: ContactRow[];
  householdMembers: (Omit<ContactRow, 'phone'> & { livesTogether: boolean; phone?: string; note?: string })[];
}

/**
 * The form only ever sees masked numbers. A row read from the record remembers its position and the
 * masked number it showed: left as shown, the server keeps the stored number; retyped, it is replaced.
 */
interface ContactRow {
  name: string;
  relation: string;
  phone: string;
  keepPhoneOf?: number;
  shownPhone?: string;
}

function phoneOf<T extends { phone?: string; keepPhoneOf?: number; shownPhone?: string }>({ shownPhone, keepPhoneOf, ...row }: T) {
  const phone = row.phone?.trim() || undefined;
  return keepPhoneOf !== undefined && shownPhone !== undefined && phone === shownPhone ? { ...row, phone, keepPhoneOf } : { ...row, phone };
}

/** The server's limits on the lists (contracts: emergencyContacts max 5, householdMembers max 20). */
const MAX_CONTACTS = 5;
const MAX_MEMBERS = 20;

/** A phone field accepts a full number, or the masked one it was given (meaning "unchanged"). */
const phoneRule = (shown: (get: (name: (string | number)[]) => unknown) => unknown, required: boolean, messages: { required: string; phone: string }) =>
  ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
    validator: async (_r: unknown, v: string | undefined) => {
      if (!v?.trim()) {
        if (required) throw new Error(messages.required);
        return;
      }
      if (v === shown(getFieldValue)) return;
      if (!PHONE_PATTERN.test(v.replace(/\s/g, ''))) throw new Error(messages.phone);
    },
  });

type PickerNode = { value: string; title: string; selectable: boolean; children: PickerNode[] };
/** Elders live in a grid or a compound; higher units are shown for orientation only. */
const toNodes = (nodes: OrgUnitNode[]): PickerNode[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, selectable: n.level === 'grid' || n.level === 'compound', children: toNodes(n.children) }));

const initialContacts = (e: ElderDetail): ContactRow[] =>
  e.emergencyContacts.map((c, i) => ({ name: c.name, relation: c.relation, phone: c.phone, keepPhoneOf: i, shownPhone: c.phone }));
const initialHousehold = (e: ElderDetail): FormValues['householdMembers'] =>
  e.householdMembers.map((m, i) => ({
    name: m.name,
    relation: m.relation,
    livesTogether: m.livesTogether,
    ...(m.phone ? { phone: m.phone, keepPhoneOf: i, shownPhone: m.phone } : {}),
    ...(m.note ? { note: m.note } : {}),
  }));

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

  const messages = { required: t('elders.validation.required'), phone: t('elders.validation.phone') };
  // List rows have no labels, so antd would name the field by its path ("0,name"): say it plainly.
  const rowText = (max: number) => [{ required: true, whitespace: true, message: messages.required }, { max }];
  const duplicateId = save.error instanceof ApiError && save.error.status === 409 ? (save.error.details as { existingElderId?: string } | undefined)?.existingElderId : undefined;

  const onFinish = async (v: FormValues) => {
    const contacts = v.emergencyContacts.map(phoneOf);
    const household = v.householdMembers.map(phoneOf);
    const canonical = (rows: object[]) => JSON.stringify(rows.map((r) => Object.entries(r).filter(([, x]) => x !== undefined).sort(([k1], [k2]) => k1.localeCompare(k2))));
    const unchanged = (now: object[], before: object[]) => canonical(now) === canonical(before);
    const phone = v.phone?.trim() || null;
    const body = {
      name: v.name,
      ...(existing && v.idNumber === existing.idNumber ? {} : { idNumber: v.idNumber }),
      // Left as the masked number shown: unchanged. Emptied: removed.
      ...(existing ? (phone === existing.phone ? {} : { phone }) : phone ? { phone } : {}),
      orgUnitId: v.orgUnitId,
      address: v.address ?? '',
      ...(v.lat != null && v.lng != null ? { location: { lat: v.lat, lng: v.lng } } : {}),
      livingSituation: v.livingSituation,
      categories: v.categories,
      // Lists are sent only when edited, so an untouched list cannot meet a concurrent change.
      ...(existing && unchanged(contacts, initialContacts(existing).map(phoneOf)) ? {} : { emergencyContacts: contacts }),
      ...(existing && unchanged(household, initialHousehold(existing).map(phoneOf)) ? {} : { householdMembers: household }),
    };
    const saved = await save.mutateAsync(body as CreateElder & UpdateElder);
    navigate(`/elders/${saved.id}`);
  };

  return (
    <>
      <Typography.Title level={2}>{existing ? t('elders.editTitle', { name: existing.name }) : t('elders.create')}</Typography.Title>
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
                phone: existing.phone ?? undefined,
                emergencyContacts: initialContacts(existing),
                householdMembers: initialHousehold(existing),
              }
            : { livingSituation: [], categories: [], emergencyContacts: [{ name: '', relation: '', phone: '' }], householdMembers: [] }
        }
      >
        <Card style={{ marginBottom: 16 }}>
          <Space wrap align="start">
            <Form.Item name="name" label={t('elders.name')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
              <Input style={{ width: 200 }} data-testid="elder-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('elders.idNumber')}
              extra={derived ? <span data-testid="elder-id-derived">{t('elders.derived', { birthDate: derived.birthDate, sex: t(`elders.sexes.${derived.sex}`) })}</span> : undefined}
              rules={[
                { required: true },
                {
                  validator: async (_r, v: string) => {
                    if (!v || (existing && v === existing.idNumber)) return;
                    const p = parseIdNumber(v);
                    if ('problem' in p) throw new Error(t(`elders.idProblems.${p.problem}`));
                  },
                },
              ]}
            >
              <Input style={{ width: 260, fontFamily: 'monospace' }} maxLength={18} data-testid="elder-id-number" />
            </Form.Item>
            <Form.Item name="phone" label={t('elders.phone')} rules={[phoneRule(() => existing?.phone, false, messages)]} extra={existing?.phone ? t('elders.keptNumbersHint') : undefined}>
              <Input style={{ width: 180 }} data-testid="elder-phone" />
            </Form.Item>
          </Space>
          <Form.Item name="orgUnitId" label={t('elders.orgUnit')} rules={[{ required: true }]}>
            <TreeSelect treeData={treeData} showSearch={{ treeNodeFilterProp: 'title' }} style={{ maxWidth: 420 }} />
          </Form.Item>
          <Form.Item name="address" label={t('elders.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="lat" label={t('elders.lat')}>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lng" label={t('elders.lng')}>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="livingSituation" label={t('elders.livingSituation')}>
            <Checkbox.Group options={LIVING_SITUATIONS.map((c) => ({ value: c, label: t(`elders.livingSituations.${c}`) }))} />
          </Form.Item>
          <Form.Item name="categories" label={t('elders.categories')}>
            <Select mode="multiple" options={ELIGIBILITY_CATEGORIES.map((c) => ({ value: c, label: t(`elders.categoryNames.${c}`) }))} />
          </Form.Item>
        </Card>
        <Card title={t('elders.emergencyContacts')} extra={existing ? t('elders.keptNumbersHint') : undefined} style={{ marginBottom: 16 }}>
          <Form.List name="emergencyContacts" rules={[{ validator: async (_r, v: unknown[]) => { if (!v?.length) throw new Error(t('elders.validation.contactRequired')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={rowText(30)}><Input placeholder={t('elders.name')} data-testid={`contact-name-${f.name}`} /></Form.Item>
                    <Form.Item name={[f.name, 'relation']} rules={rowText(20)}><Input placeholder={t('elders.relation')} data-testid={`contact-relation-${f.name}`} /></Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[phoneRule((get) => get(['emergencyContacts', f.name, 'shownPhone']), true, messages)]}><Input placeholder={t('elders.phone')} data-testid={`contact-phone-${f.name}`} /></Form.Item>
                    <Form.Item name={[f.name, 'keepPhoneOf']} hidden><Input /></Form.Item>
                    <Form.Item name={[f.name, 'shownPhone']} hidden><Input /></Form.Item>
                    <MinusCircleOutlined aria-label={t('common.remove')} onClick={() => remove(f.name)} data-testid={`contact-remove-${f.name}`} />
                  </Space>
                ))}
                {fields.length < MAX_CONTACTS && (
                  <Button type="dashed" onClick={() => add({ name: '', relation: '', phone: '' })} icon={<PlusOutlined />} data-testid="contact-add">{t('elders.addContact')}</Button>
                )}
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
                    <Form.Item name={[f.name, 'name']} rules={rowText(30)}><Input placeholder={t('elders.name')} /></Form.Item>
                    <Form.Item name={[f.name, 'relation']} rules={rowText(20)}><Input placeholder={t('elders.relation')} /></Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[phoneRule((get) => get(['householdMembers', f.name, 'shownPhone']), false, messages)]}><Input placeholder={t('elders.phone')} /></Form.Item>
                    <Form.Item name={[f.name, 'keepPhoneOf']} hidden><Input /></Form.Item>
                    <Form.Item name={[f.name, 'shownPhone']} hidden><Input /></Form.Item>
                    <Form.Item name={[f.name, 'note']} hidden><Input /></Form.Item>
                    <Form.Item name={[f.name, 'livesTogether']} valuePropName="checked" initialValue={true}><Checkbox>{t('elders.livesTogether')}</Checkbox></Form.Item>
                    <MinusCircleOutlined aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < MAX_MEMBERS && (
                  <Button type="dashed" onClick={() => add({ name: '', relation: '', livesTogether: true })} icon={<PlusOutlined />}>{t('elders.addMember')}</Button>
                )}
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
