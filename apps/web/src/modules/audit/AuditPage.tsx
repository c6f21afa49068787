import type { AuditEntry } from '@yiyang/contracts';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgFilter, useOrgUnitIndex } from '../../app/org.js';
import { DISTRICT_TZ, dayjs, formatDateTime } from '../../app/time.js';

interface Filters {
  actor?: string;
  action?: string;
  entityType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Search {
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
}

// Suggestions only: the action filter matches by prefix, and later modules add their own actions.
const ACTION_PREFIXES = ['auth.', 'user.', 'org_unit.', 'elder.', 'alarm.', 'device.', 'order.', 'care_plan.', 'holiday.', 'provider.', 'staff.', 'service_item.', 'service_package.', 'callback.', 'http.'];
const ENTITY_TYPES = ['user', 'org_unit', 'elder', 'elder_import', 'alarm', 'device', 'responder', 'order', 'order_settings', 'callback_task', 'care_plan', 'holiday', 'provider', 'service_item', 'service_package', 'staff'];

/** A calendar day in the district's time zone, whatever zone the browser is in. */
function dayStart(d: Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DD'), DISTRICT_TZ).toISOString();
}

function toSearch(f: Filters): Search {
  const [from, to] = f.range ?? [null, null];
  const s: Search = {};
  if (f.actor?.trim()) s.actor = f.actor.trim();
  if (f.action?.trim()) s.action = f.action.trim();
  if (f.entityType?.trim()) s.entityType = f.entityType.trim();
  if (from) s.from = dayStart(from);
  if (to) s.to = dayStart(to.add(1, 'day')); // the whole last day is included
  return s;
}

/** 审计日志: search who did what, when, to which record, from where. */
export default function AuditPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const index = useOrgUnitIndex();
  const { orgUnitId } = useOrgFilter();
  const [search, setSearch] = useState<Search>({});
  // The page belongs to the area it was turned in: picking another area starts at its first page.
  const [paging, setPaging] = useState({ area: orgUnitId, page: 1 });
  const page = paging.area === orgUnitId ? paging.page : 1;
  const setPage = (p: number) => setPaging({ area: orgUnitId, page: p });
  const [pageSize, setPageSize] = useState(20);
  const audit = useQuery({
    queryKey: ['audit', orgUnitId, search, page, pageSize],
    queryFn: () => api<{ items: AuditEntry[]; total: number }>('/api/v1/audit', { query: { ...search, orgUnitId: orgUnitId ?? undefined, page, pageSize } }),
    placeholderData: (prev) => prev,
  });

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters>
          layout="inline"
          onFinish={(f) => {
            setSearch(toSearch(f));
            setPage(1);
          }}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <AutoComplete
              allowClear
              options={ACTION_PREFIXES.map((value) => ({ value }))}
              showSearch={{ filterOption: (input, option) => Boolean(option?.value.startsWith(input) && option.value !== input) }}
              placeholder={t('audit.actionPlaceholder')}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <AutoComplete
              allowClear
              options={ENTITY_TYPES.map((value) => ({ value, label: `${t(`entityTypes.${value}`)} (${value})` }))}
              showSearch={{ filterOption: (input, option) => Boolean(option?.value.includes(input) && option.value !== input) }}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button htmlType="reset" onClick={() => (setSearch({}), setPage(1))}>
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {orgUnitId && (
        <Typography.Paragraph type="secondary" data-testid="audit-area-note">
          {t('audit.areaNote', { unit: index.get(orgUnitId)?.name ?? '' })}
        </Typography.Paragraph>
      )}
      {audit.isError && <Alert type="error" showIcon title={errorText(audit.error)} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="id"
        data-testid="audit-table"
        loading={audit.isFetching}
        dataSource={audit.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: page,
          pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        expandable={{
          rowExpandable: (r) => Boolean(r.details && Object.keys(r.details).length),
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, fontSize: 14, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.details, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 190, render: (v: string) => formatDateTime(v) },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_, r) => (r.actorUsername ? `${r.actorUsername}${r.actorRole ? ` · ${t(`roles.${r.actorRole}`, { defaultValue: r.actorRole })}` : ''}` : t('audit.system')),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <span>
                {t(`auditActions.${a}`, { defaultValue: a })} <Typography.Text code>{a}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            // Ids are long; the first 8 characters tell records apart and the full id is in the tooltip.
            render: (_, r) =>
              r.entityType ? (
                <span title={r.entityId ?? undefined}>
                  {t(`entityTypes.${r.entityType}`, { defaultValue: r.entityType })} {r.entityId?.slice(0, 8)}
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('audit.orgUnit'), dataIndex: 'orgUnitId', render: (id: string | null) => (id ? (index.get(id)?.name ?? '—') : '—') },
          { title: t('audit.ip'), dataIndex: 'ip', width: 140 },
        ]}
      />
    </>
  );
}
