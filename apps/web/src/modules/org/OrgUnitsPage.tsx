import type { OrgUnit, OrgUnitNode } from '@yiyang/contracts';
import { Alert, Card, Col, Empty, Input, Row, Skeleton, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.js';
import { useOrgFilter, useOrgTree } from '../../app/org.js';
import { OrgUnitDetail } from './OrgUnitDetail.js';

function toTreeData(nodes: OrgUnitNode[], filter: string): DataNode[] {
  const out: DataNode[] = [];
  for (const n of nodes) {
    const children = toTreeData(n.children, filter);
    if (filter && !n.name.includes(filter) && children.length === 0) continue;
    out.push({ key: n.id, title: n.name, children, isLeaf: n.children.length === 0 });
  }
  return out;
}

function indexNodes(nodes: OrgUnitNode[], into = new Map<string, OrgUnitNode>()) {
  for (const n of nodes) {
    into.set(n.id, n);
    indexNodes(n.children, into);
  }
  return into;
}

/** 组织架构: the visible part of the organisation tree, with a detail pane for the chosen unit. */
export default function OrgUnitsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { orgUnitId } = useOrgFilter();
  const tree = useOrgTree(orgUnitId);
  const roots = useMemo(() => tree.data?.roots ?? [], [tree.data]);
  const byId = useMemo(() => indexNodes(roots), [roots]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Key[]>([]);

  // Start on the area's root, and again whenever the header filter changes the tree.
  useEffect(() => {
    const first = roots[0];
    if (!first) return;
    setSelectedId((cur) => (cur && byId.has(cur) ? cur : first.id));
    setExpanded((cur) => (cur.length ? cur : roots.map((r) => r.id)));
  }, [roots, byId]);

  const treeData = useMemo(() => toTreeData(roots, search.trim()), [roots, search]);
  // While searching every matching branch is opened, so matches are not hidden in closed nodes.
  const searchExpanded = useMemo(() => (search.trim() ? [...byId.keys()] : null), [search, byId]);
  const selected: OrgUnit | undefined = selectedId ? byId.get(selectedId) : undefined;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('org.title')}
      </Typography.Title>
      {tree.isError && <Alert type="error" showIcon title={errorText(tree.error)} style={{ marginBottom: 16 }} />}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10} xl={9}>
          <Card title={t('org.tree')}>
            <Input.Search
              placeholder={t('org.searchPlaceholder')}
              aria-label={t('org.searchPlaceholder')}
              allowClear
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {tree.isPending ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty description={t('org.noMatch')} />
            ) : (
              <Tree
                data-testid="org-tree"
                treeData={treeData}
                showLine
                height={560}
                selectedKeys={selectedId ? [selectedId] : []}
                expandedKeys={searchExpanded ?? expanded}
                onExpand={(keys) => setExpanded(keys)}
                onSelect={(keys) => {
                  const key = keys[0];
                  if (typeof key === 'string') setSelectedId(key);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {selected ? (
            <OrgUnitDetail
              unit={selected}
              parent={selected.parentId ? byId.get(selected.parentId) : undefined}
              childCount={byId.get(selected.id)?.children.length ?? 0}
              isScopeRoot={roots.some((r) => r.id === selected.id)}
              onCreated={(id) => {
                setExpanded((cur) => [...new Set([...cur, selected.id])]);
                setSelectedId(id);
              }}
            />
          ) : (
            <Card>{tree.isPending ? <Skeleton active /> : <Empty description={t('org.pickOne')} />}</Card>
          )}
        </Col>
      </Row>
    </>
  );
}
