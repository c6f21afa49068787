import { ORG_LEVELS, type OrgLevel, type OrgUnit, type OrgUnitNode } from '@yiyang/contracts';

/** The level a child of `level` must have: the tree is strictly district → … → compound. */
export function childLevelOf(level: OrgLevel): OrgLevel | null {
  const i = ORG_LEVELS.indexOf(level);
  return ORG_LEVELS[i + 1] ?? null;
}

export function levelIndex(level: OrgLevel): number {
  return ORG_LEVELS.indexOf(level);
}

/** Nests a flat list (any order) into trees; units whose parent is not in the list become roots. */
export function buildTree(units: OrgUnit[]): OrgUnitNode[] {
  const nodes = new Map<string, OrgUnitNode>(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots: OrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgUnitNode[]) => {
    list.sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export type MoveRefusal = 'into_own_subtree' | 'level_mismatch' | 'root_of_scope' | null;

/**
 * Whether `unit` may be moved under `newParent`. A unit keeps its level, so its new parent must be
 * exactly one level above; it may not go under itself or its descendants; and nobody moves the unit
 * their own scope hangs from.
 */
export function moveRefusal(
  unit: { id: string; level: OrgLevel; path: string },
  newParent: { level: OrgLevel; path: string },
  actorOrgPath: string,
): MoveRefusal {
  if (unit.path === actorOrgPath) return 'root_of_scope';
  if (newParent.path === unit.path || newParent.path.startsWith(`${unit.path}.`)) return 'into_own_subtree';
  if (childLevelOf(newParent.level) !== unit.level) return 'level_mismatch';
  return null;
}
