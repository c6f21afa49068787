import type { OrgUnitNode } from '@yiyang/contracts';
import { TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgFilter, useOrgTree, useOrgUnitIndex } from './org.js';

interface PickerNode {
  value: string;
  title: string;
  children: PickerNode[];
}

function toPickerNodes(nodes: OrgUnitNode[]): PickerNode[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, children: toPickerNodes(n.children) }));
}

/**
 * The area filter in the header. It offers exactly the units the server returns for this user,
 * never more: a community worker sees their community and what lies under it.
 */
export function OrgPicker() {
  const { t } = useTranslation();
  const { orgUnitId, setOrgUnitId } = useOrgFilter();
  const tree = useOrgTree();
  const index = useOrgUnitIndex();
  const treeData = useMemo(() => toPickerNodes(tree.data?.roots ?? []), [tree.data]);
  const rootIds = useMemo(() => treeData.map((n) => n.value), [treeData]);

  // A remembered choice that is no longer visible (unit moved away, other account) is dropped.
  useEffect(() => {
    if (orgUnitId && index.size > 0 && !index.has(orgUnitId)) setOrgUnitId(null);
  }, [orgUnitId, index, setOrgUnitId]);

  return (
    <TreeSelect<string>
      data-testid="org-picker"
      aria-label={t('orgPicker.label')}
      style={{ width: 320, maxWidth: '40vw' }}
      classNames={{ popup: { root: 'org-picker-popup' } }}
      treeData={treeData}
      value={orgUnitId ?? undefined}
      onChange={(v) => setOrgUnitId(v ?? null)}
      placeholder={t('orgPicker.all')}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootIds}
      loading={tree.isPending}
      // The list is small after scoping; rendering it fully keeps every node reachable by screen readers.
      virtual={false}
      listHeight={480}
      notFoundContent={t('orgPicker.empty')}
    />
  );
}
