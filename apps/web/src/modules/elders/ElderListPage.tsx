import { ELIGIBILITY_CATEGORIES, ELDER_STATUSES, LIVING_SITUATIONS, type Elder } from '@yiyang/contracts';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { useOrgFilter } from '../../app/org.js';
import { exportUrl, useElderList, type ElderQuery } from './elders.api.js';
import { CareLevelTag, StatusTag } from './ElderTags.js';

/** 老人档案: the elders of the picked area, searched and filtered, with import and export. */
export default function ElderListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { orgUnitId } = useOrgFilter();
  // Search, filters and page live in the address, so going back from an elder finds the list as it was.
  const [params, setParams] = useSearchParams();
  const csv = (key: string) => params.get(key)?.split(',').filter(Boolean) ?? [];
  const num = (key: string) => {
    const n = Number(params.get(key) ?? NaN);
    return params.get(key) !== null && Number.isFinite(n) ? n : null;
  };
  const q = params.get('q') ?? '';
  const category = csv('category');
  const living = csv('living');
  const careLevel = csv('careLevel').map(Number).filter(Number.isFinite);
  // No `status` in the address means the default, the active elders; an empty one means every status.
  const status = params.has('status') ? csv('status') : ['active'];
  const ageMin = num('ageMin');
  const ageMax = num('ageMax');
  const sort = params.get('sort') ?? 'name';
  const pageSize = num('pageSize') ?? 20;
  // The page belongs to the area it was turned in: picking another area in the header starts at its first page.
  const page = (params.get('area') ?? '') === (orgUnitId ?? '') ? (num('page') ?? 1) : 1;
  /** Changes the address; any change but turning the page starts again at page 1. */
  const update = (changes: Record<string, string | null>, turnsPage = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        if (!turnsPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const setPage = (p: number, size = pageSize) =>
    update({ page: p === 1 ? null : String(p), area: orgUnitId ?? '', pageSize: size === 20 ? null : String(size) }, true);
  const joined = (values: (string | number)[]) => values.join(',') || null;

  const filters: ElderQuery = useMemo(
    () => ({
      q: q || undefined,
      orgUnitId: orgUnitId ?? undefined,
      category: category.join(',') || undefined,
      livingSituation: living.join(',') || undefined,
      careLevel: careLevel.join(',') || undefined,
      status: status.join(',') || undefined,
      ageMin: ageMin ?? undefined,
      ageMax: ageMax ?? undefined,
      sort,
    }),
    [q, orgUnitId, category, living, careLevel, status, ageMin, ageMax, sort],
  );
  const list = useElderList({ ...filters, page, pageSize });
  const levels = t('elders.levels', { returnObjects: true }) as string[];

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={2} style={{ margin: 0, flex: 1 }}>
          {t('elders.title')}
        </Typography.Title>
        {can('elders.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/elders/new')} data-testid="elder-create">
            {t('elders.create')}
          </Button>
        )}
        {can('elders.import') && (
          <Button icon={<UploadOutlined />} onClick={() => navigate('/elders/import')} data-testid="elder-import">
            {t('elders.import')}
          </Button>
        )}
        {can('elders.export') && (
          <Button icon={<DownloadOutlined />} href={exportUrl(filters, false)}>
            {t('elders.export')}
          </Button>
        )}
        {can('elders.export') && can('elders.reveal') && (
          <Button icon={<DownloadOutlined />} href={exportUrl(filters, true)}>
            {t('elders.exportFull')}
          </Button>
        )}
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          maxLength={50}
          data-testid="elder-search"
          aria-label={t('elders.searchPlaceholder')}
          placeholder={t('elders.searchPlaceholder')}
          style={{ width: 300 }}
          defaultValue={q}
          onSearch={(v) => update({ q: v.trim() || null })}
        />
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('elders.categories')} value={category} onChange={(v: string[]) => update({ category: joined(v) })}
          data-testid="elder-filter-category" options={ELIGIBILITY_CATEGORIES.map((c) => ({ value: c, label: t(`elders.categoryNames.${c}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 160 }} placeholder={t('elders.livingSituation')} value={living} onChange={(v: string[]) => update({ living: joined(v) })}
          data-testid="elder-filter-living" options={LIVING_SITUATIONS.map((c) => ({ value: c, label: t(`elders.livingSituations.${c}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 160 }} placeholder={t('elders.careLevel')} value={careLevel} onChange={(v: number[]) => update({ careLevel: joined(v) })}
          options={levels.map((l, i) => ({ value: i, label: `${i} ${l}` }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 140 }} placeholder={t('elders.status')} value={status} onChange={(v: string[]) => update({ status: v.join(',') })}
          data-testid="elder-filter-status" options={ELDER_STATUSES.map((s) => ({ value: s, label: t(`elders.statuses.${s}`) }))} />
        <Space.Compact>
          <InputNumber min={0} max={130} placeholder={t('elders.ageBand')} value={ageMin} onChange={(v) => update({ ageMin: v === null ? null : String(v) })} aria-label={t('elders.ageMin')} />
          <InputNumber min={0} max={130} placeholder="—" value={ageMax} onChange={(v) => update({ ageMax: v === null ? null : String(v) })} aria-label={t('elders.ageMax')} />
        </Space.Compact>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<Elder>
        rowKey="id"
        data-testid="elder-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const next = s?.columnKey && s.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : 'name';
          // A new order starts from its first page; page 3 of another order is a different set of elders.
          if (next !== sort) update({ sort: next === 'name' ? null : next });
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => (list.data?.totalCapped ? `${total.toLocaleString()}+` : t('common.total', { total })),
          onChange: (p, s) => setPage(s === pageSize ? p : 1, s),
        }}
        columns={[
          { title: t('elders.name'), key: 'name', dataIndex: 'name', sorter: true, render: (name: string, e) => <Link to={`/elders/${e.id}`}>{name}</Link> },
          { title: t('elders.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: t('elders.sex'), dataIndex: 'sex', render: (s: Elder['sex']) => t(`elders.sexes.${s}`) },
          { title: t('elders.age'), key: 'age', dataIndex: 'age', sorter: true },
          { title: t('elders.orgUnit'), dataIndex: 'orgUnitName' },
          { title: t('elders.livingSituation'), dataIndex: 'livingSituation', render: (v: Elder['livingSituation']) => v.map((c) => <Tag key={c}>{t(`elders.livingSituations.${c}`)}</Tag>) },
          { title: t('elders.careLevel'), dataIndex: 'careLevel', render: (v: number | null) => <CareLevelTag level={v} /> },
          { title: t('elders.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('elders.status'), dataIndex: 'status', render: (v: Elder['status']) => <StatusTag status={v} /> },
        ]}
      />
    </>
  );
}
