import type { OrgUnit } from '@yiyang/contracts';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { childLevel, parentLevel } from '../../app/levels.js';
import { orgKeys, useOrgUnitIndex, useOrgUnits } from '../../app/org.js';

interface Props {
  unit: OrgUnit;
  parent: OrgUnit | undefined;
  childCount: number;
  /** The unit the user's access starts at (or the filter's root): it cannot be moved from here. */
  isScopeRoot: boolean;
  onCreated(id: string): void;
}

type Dialog = 'create' | 'rename' | 'move' | null;

export function OrgUnitDetail({ unit, parent, childCount, isScopeRoot, onCreated }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const index = useOrgUnitIndex();
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('org.manage');
  const below = childLevel(unit.level);
  const parentName = parent?.name ?? (unit.parentId ? index.get(unit.parentId)?.name : undefined);

  return (
    <Card
      title={unit.name}
      data-testid="org-detail"
      extra={
        manage && (
          <Space wrap>
            {below && (
              <Button type="primary" onClick={() => setDialog('create')}>
                {t('org.createChild', { level: t(`levels.${below}`) })}
              </Button>
            )}
            <Button onClick={() => setDialog('rename')}>{t('org.rename')}</Button>
            {unit.parentId && !isScopeRoot && <Button onClick={() => setDialog('move')}>{t('org.move')}</Button>}
          </Space>
        )
      }
    >
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 160 } }}>
        <Descriptions.Item label={t('org.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.level')}>{t(`levels.${unit.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('org.parent')}>{parentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{unit.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.location')}>
          {unit.location ? `${unit.location.lat.toFixed(5)}, ${unit.location.lng.toFixed(5)}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.children')}>
          {below ? t('org.childCount', { count: childCount, level: t(`levels.${below}`) }) : '—'}
        </Descriptions.Item>
      </Descriptions>
      {dialog === 'create' && below && <CreateChildDialog parent={unit} onClose={() => setDialog(null)} onCreated={onCreated} />}
      {dialog === 'rename' && <RenameDialog unit={unit} onClose={() => setDialog(null)} />}
      {dialog === 'move' && <MoveDialog unit={unit} onClose={() => setDialog(null)} />}
    </Card>
  );
}

/** Saves through the API, refreshes every org query on success, keeps the dialog open with the reason on failure. */
function useOrgWrite<TBody>(run: (body: TBody) => Promise<OrgUnit>, onDone: (u: OrgUnit) => void) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: run,
    onSuccess: async (u) => {
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      void message.success(t('common.saved'));
      onDone(u);
    },
  });
}

function ErrorLine({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error)} role="alert" style={{ marginBottom: 16 }} data-testid="dialog-error" />;
}

function CreateChildDialog({ parent, onClose, onCreated }: { parent: OrgUnit; onClose(): void; onCreated(id: string): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const level = childLevel(parent.level)!;
  const write = useOrgWrite(
    (body: { name: string; code?: string }) =>
      api<OrgUnit>('/api/v1/org-units', { method: 'POST', body: { parentId: parent.id, name: body.name, ...(body.code ? { code: body.code } : {}) } }),
    (u) => {
      onClose();
      onCreated(u.id);
    },
  );
  return (
    <Modal
      open
      title={t('org.createChildUnder', { level: t(`levels.${level}`), parent: parent.name })}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <ErrorLine error={write.error} />
      <Form form={form} layout="vertical" onFinish={(v) => write.mutate(v)}>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 60 }]}>
          <Input autoFocus maxLength={60} />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} rules={[{ max: 32 }]}>
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameDialog({ unit, onClose }: { unit: OrgUnit; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const write = useOrgWrite(
    (body: { name: string }) => api<OrgUnit>(`/api/v1/org-units/${unit.id}`, { method: 'PATCH', body }),
    onClose,
  );
  return (
    <Modal
      open
      title={t('org.renameTitle', { name: unit.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <ErrorLine error={write.error} />
      <Form form={form} layout="vertical" initialValues={{ name: unit.name }} onFinish={(v) => write.mutate(v)}>
        <Form.Item name="name" label={t('org.newName')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 60 }]}>
          <Input autoFocus maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MoveDialog({ unit, onClose }: { unit: OrgUnit; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ parentId: string }>();
  const all = useOrgUnits();
  const index = useOrgUnitIndex();
  const level = parentLevel(unit.level);
  // A unit sits directly under a unit one level up; offer only those, named with their own parent.
  const options = useMemo(
    () =>
      (all.data?.items ?? [])
        .filter((u) => u.level === level && u.id !== unit.parentId)
        .map((u) => {
          const up = u.parentId ? index.get(u.parentId)?.name : undefined;
          return { value: u.id, label: up ? `${u.name}（${up}）` : u.name };
        }),
    [all.data, index, level, unit.parentId],
  );
  const write = useOrgWrite(
    (body: { parentId: string }) => api<OrgUnit>(`/api/v1/org-units/${unit.id}`, { method: 'PATCH', body }),
    onClose,
  );
  return (
    <Modal
      open
      title={t('org.moveTitle', { name: unit.name })}
      okText={t('org.move')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('org.moveHint')} style={{ marginBottom: 16 }} />
      <ErrorLine error={write.error} />
      <Form form={form} layout="vertical" onFinish={(v) => write.mutate(v)}>
        <Form.Item name="parentId" label={t('org.newParent', { level: level ? t(`levels.${level}`) : '' })} rules={[{ required: true, message: t('org.parentRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={all.isPending} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
