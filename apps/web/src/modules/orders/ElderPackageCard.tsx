import type { ElderPackage } from '@yiyang/contracts';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Modal, Popconfirm, Progress, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { dayjs, DISTRICT_TZ } from '../../app/time.js';
import { fen, useChangeElderPackage, useElderPackage, useServicePackages } from './api.js';
import './i18n.js';

/** Today's date in the district, as the server counts package days. */
const districtToday = () => dayjs().tz(DISTRICT_TZ).format('YYYY-MM-DD');

type Usage = ElderPackage['usage'][number];

/**
 * The service package (套餐) an elder holds, with this month's use of each item against its quota.
 * Registry staff (elders.write, as the server requires) give, change and end it here.
 */
export function ElderPackageCard({ elderId, served }: { elderId: string; served: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const errorText = useErrorText();
  const held = useElderPackage(elderId);
  const end = useChangeElderPackage(elderId);
  const [dialogOpen, setDialogOpen] = useState(false);
  const writable = can('elders.write');
  const p = held.data;
  const pkg = p?.package ?? null;

  const buttons = writable && p && (
    <Space>
      {served && (
        <Button type={pkg ? 'default' : 'primary'} data-testid="package-give" onClick={() => setDialogOpen(true)}>
          {pkg ? t('orders.package.change') : t('orders.package.give')}
        </Button>
      )}
      {pkg && (
        <Popconfirm
          title={t('orders.package.endConfirm', { name: pkg.name })}
          okText={t('orders.package.endOk')}
          cancelText={t('orders.package.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'package-end-confirm' }}
          onConfirm={() => end.mutateAsync(null).catch(() => undefined)}
        >
          <Button danger loading={end.isPending} data-testid="package-end">{t('orders.package.end')}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Card title={t('orders.package.title')} extra={buttons} data-testid="elder-package">
      {held.isError && <Alert type="error" showIcon title={errorText(held.error)} style={{ marginBottom: 12 }} />}
      {end.isError && <Alert type="error" showIcon title={errorText(end.error)} style={{ marginBottom: 12 }} closable onClose={() => end.reset()} />}
      {held.isPending ? (
        <Spin />
      ) : !p || !pkg ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.package.none')} />
      ) : (
        <HeldPackage held={p} name={pkg.name} monthlyPriceFen={pkg.monthlyPriceFen} />
      )}
      {dialogOpen && p && <PackageDialog elderId={elderId} held={p} onClose={() => setDialogOpen(false)} />}
    </Card>
  );
}

function HeldPackage({ held, name, monthlyPriceFen }: { held: ElderPackage; name: string; monthlyPriceFen: number }) {
  const { t } = useTranslation();
  const today = districtToday();
  const phase =
    held.startsOn && held.startsOn > today ? <Tag color="gold">{t('orders.package.notStarted')}</Tag>
    : held.endsOn && held.endsOn < today ? <Tag>{t('orders.package.expired')}</Tag>
    : <Tag color="green">{t('orders.package.current')}</Tag>;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('orders.package.name')}>
          <Space><strong data-testid="elder-package-name">{name}</strong>{phase}</Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.package.price')}>{t('orders.package.perMonth', { price: fen(monthlyPriceFen) })}</Descriptions.Item>
        <Descriptions.Item label={t('orders.package.period')}>
          <span data-testid="elder-package-period">
            {held.endsOn ? t('orders.package.periodUntil', { start: held.startsOn, end: held.endsOn }) : t('orders.package.periodOpen', { start: held.startsOn })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">{t('orders.package.month', { month: held.month })}</Typography.Text>
      <Table<Usage>
        rowKey="itemId"
        size="small"
        pagination={false}
        dataSource={held.usage}
        data-testid="elder-package-usage"
        onRow={(u) => ({ 'data-testid': `package-usage-${u.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('orders.package.item'), dataIndex: 'name' },
          { title: t('orders.package.used'), width: 140, render: (_v, u) => <span data-testid="package-usage-count">{t('orders.package.usage', { used: u.used, quota: u.monthlyQuota })}</span> },
          {
            title: t('orders.package.quota'),
            render: (_v, u) => (
              // A package changed mid-month can show more used than the new quota allows.
              <Progress percent={Math.min(100, Math.round((u.used / u.monthlyQuota) * 100))} status={u.used > u.monthlyQuota ? 'exception' : u.used === u.monthlyQuota ? 'success' : 'normal'} showInfo={false} size="small" />
            ),
          },
        ]}
      />
    </>
  );
}

interface DialogValues {
  packageId: string;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
}

/** Choose a package from the catalogue and the days it runs; the server's refusals show here. */
function PackageDialog({ elderId, held, onClose }: { elderId: string; held: ElderPackage; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const packages = useServicePackages(true);
  const save = useChangeElderPackage(elderId);
  const [form] = Form.useForm<DialogValues>();
  const active = (packages.data?.items ?? []).filter((p) => p.active);

  const submit = (v: DialogValues) =>
    save.mutate(
      { packageId: v.packageId, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null },
      { onSuccess: onClose },
    );

  return (
    <Modal
      open
      title={held.package ? t('orders.package.dialogChange') : t('orders.package.dialogGive')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orders.package.save')}
      cancelText={t('orders.package.cancel')}
      okButtonProps={{ loading: save.isPending, disabled: active.length === 0, 'data-testid': 'package-save' }}
      destroyOnHidden
    >
      <div data-testid="package-dialog">
        {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} data-testid="package-error" />}
        {held.package && <Alert type="info" title={t('orders.package.replaces', { name: held.package.name })} style={{ marginBottom: 12 }} />}
        {packages.isError && <Alert type="error" showIcon title={errorText(packages.error)} style={{ marginBottom: 12 }} />}
        <Form<DialogValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ packageId: held.package?.id, startsOn: dayjs(districtToday()), endsOn: null }}
        >
          {packages.isPending ? (
            <Spin />
          ) : active.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.package.noPackages')} />
          ) : (
            <Form.Item name="packageId" label={t('orders.package.pick')} rules={[{ required: true, message: t('orders.package.pick') }]}>
              <Radio.Group style={{ width: '100%', maxHeight: 360, overflowY: 'auto' }}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {active.map((p) => (
                    <Radio key={p.id} value={p.id}>
                      <Space direction="vertical" size={0} data-testid={`package-option-${p.name}`}>
                        <span><strong>{p.name}</strong> · {t('orders.package.perMonth', { price: fen(p.monthlyPriceFen) })}</span>
                        {p.description && <Typography.Text type="secondary">{p.description}</Typography.Text>}
                        <Typography.Text type="secondary">{p.items.map((i) => t('orders.package.quotaLine', { name: i.name, quota: i.monthlyQuota })).join('、')}</Typography.Text>
                      </Space>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="startsOn" label={t('orders.package.startsOn')} rules={[{ required: true, message: t('orders.package.startsOn') }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item
              name="endsOn"
              label={t('orders.package.endsOn')}
              dependencies={['startsOn']}
              rules={[({ getFieldValue }) => ({
                validator: (_r, v: Dayjs | null | undefined) => {
                  const start = getFieldValue('startsOn') as Dayjs | undefined;
                  return !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('orders.package.endBeforeStart')));
                },
              })]}
            >
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </div>
    </Modal>
  );
}
