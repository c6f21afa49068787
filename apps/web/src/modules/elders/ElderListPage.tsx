import { ELIGIBILITY_CATEGORIES, ELDER_STATUSES, LIVING_SITUATIONS, type Elder } from '@yiyang/contracts';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
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
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string[]>([]);
  const [living, setLiving] = useState<string[]>([]);
  const [careLevel, setCareLevel] = useState<number[]>([]);
  const [status, setStatus] = useState<string[]>(['active']);
  const [ageMin, setAgeMin] = useState<number | null>(null);
  const [ageMax, setAgeMax] = useState<number | null>(null);
  const [sort, setSort] = useState('name');
  // The page belongs to the area it was turned in: picking another area in the header starts at its first page.
  const [paging, setPaging] = useState({ area: orgUnitId, page: 1 });
  const page = paging.area === orgUnitId ? paging.page : 1;
  const setPage = (p: number) => setPaging({ area: orgUnitId, page: p });
  const [pageSize, setPageSize] = useState(20);

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
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('elders.categories')} value={category} onChange={(v) => (setCategory(v), setPage(1))}
          data-testid="elder-filter-category" options={ELIGIBILITY_CATEGORIES.map((c) => ({ value: c, label: t(`elders.categoryNames.${c}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 160 }} placeholder={t('elders.livingSituation')} value={living} onChange={(v) => (setLiving(v), setPage(1))}
          data-testid="elder-filter-living" options={LIVING_SITUATIONS.map((c) => ({ value: c, label: t(`elders.livingSituations.${c}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 160 }} placeholder={t('elders.careLevel')} value={careLevel} onChange={(v) => (setCareLevel(v), setPage(1))}
          options={levels.map((l, i) => ({ value: i, label: `${i} ${l}` }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 140 }} placeholder={t('elders.status')} value={status} onChange={(v) => (setStatus(v), setPage(1))}
          data-testid="elder-filter-status" options={ELDER_STATUSES.map((s) => ({ value: s, label: t(`elders.statuses.${s}`) }))} />
        <Space.Compact>
          <InputNumber min={0} max={130} placeholder={t('elders.ageBand')} value={ageMin} onChange={(v) => (setAgeMin(v), setPage(1))} aria-label={t('elders.ageMin')} />
          <InputNumber min={0} max={130} placeholder="—" value={ageMax} onChange={(v) => (setAgeMax(v), setPage(1))} aria-label={t('elders.ageMax')} />
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
          if (next !== sort) {
            setSort(next);
            setPage(1);
          }
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => (list.data?.totalCapped ? `${total.toLocaleString()}+` : t('common.total', { total })),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
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
