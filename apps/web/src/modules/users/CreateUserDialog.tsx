import { ROLES, type OrgLevel, type OrgUnitNode, type Role } from '@yiyang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgTree } from '../../app/org.js';
import { passwordProblemTexts } from './password.js';
import { usersKey, type UserRow } from './users.api.js';

/** Administrative roles belong to a unit of their own level; the server refuses anything else. */
const ROLE_LEVEL: Partial<Record<Role, OrgLevel>> = { admin: 'district', street: 'street', community: 'community', grid: 'grid' };

interface FormValues {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  password: string;
  confirm: string;
}

interface PickerNode {
  value: string;
  title: string;
  disabled: boolean;
  children: PickerNode[];
}

function toPicker(nodes: OrgUnitNode[], level: OrgLevel | undefined): PickerNode[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, disabled: Boolean(level && n.level !== level), children: toPicker(n.children, level) }));
}

export function CreateUserDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const role = Form.useWatch('role', form);
  const tree = useOrgTree();
  const level = role ? ROLE_LEVEL[role] : undefined;
  const treeData = useMemo(() => toPicker(tree.data?.roots ?? [], level), [tree.data, level]);

  const create = useMutation({
    mutationFn: (v: FormValues) =>
      api<UserRow>('/api/v1/users', {
        method: 'POST',
        body: { username: v.username, displayName: v.displayName, role: v.role, orgUnitId: v.orgUnitId, password: v.password },
      }),
    onSuccess: async (u) => {
      await queryClient.invalidateQueries({ queryKey: usersKey });
      void message.success(t('users.created', { username: u.username }));
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t('users.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
    >
      {create.error && <Alert type="error" showIcon title={errorText(create.error)} role="alert" style={{ marginBottom: 16 }} data-testid="dialog-error" />}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => create.mutate(v)} autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { min: 3, max: 64, message: t('users.usernameLength') },
            { pattern: /^[a-z0-9_.-]+$/, message: t('users.usernameHint') },
          ]}
        >
          <Input autoFocus maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            onChange={() => form.setFieldValue('orgUnitId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t('users.orgUnit')}
          extra={level ? t('users.orgUnitLevelHint', { level: t(`levels.${level}`) }) : undefined}
          rules={[{ required: true, message: t('users.orgUnitRequired') }]}
        >
          <TreeSelect treeData={treeData} showSearch={{ treeNodeFilterProp: 'title' }} loading={tree.isPending} listHeight={360} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          dependencies={['username']}
          rules={[
            { required: true, message: t('users.passwordRequired') },
            {
              validator: async (_, value: string | undefined) => {
                const problems = passwordProblemTexts(t, value ?? '', form.getFieldValue('username') as string | undefined);
                if (value && problems.length) throw new Error(problems.join('；'));
              },
            },
          ]}
          extra={t('password.policy')}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.confirmRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && value !== form.getFieldValue('password')) throw new Error(t('users.passwordMismatch'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
