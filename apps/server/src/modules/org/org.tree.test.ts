import { describe, expect, it } from 'vitest';
import { buildTree, childLevelOf, moveRefusal } from './org.tree.js';

describe('org tree rules', () => {
  it('knows each level’s child level', () => {
    expect(childLevelOf('district')).toBe('street');
    expect(childLevelOf('grid')).toBe('compound');
    expect(childLevelOf('compound')).toBeNull();
  });

  it('nests a flat list and treats units with unseen parents as roots', () => {
    const roots = buildTree([
      { id: 'c', name: 'C', level: 'community', parentId: 's', code: '2', location: null },
      { id: 's', name: 'S', level: 'street', parentId: 'd', code: '1', location: null },
      { id: 'g', name: 'G', level: 'grid', parentId: 'c', code: '3', location: null },
    ]);
    expect(roots.map((r) => r.id)).toEqual(['s']);
    expect(roots[0]!.children[0]!.children[0]!.id).toBe('g');
  });

  it('refuses moves into the own subtree, across levels, and of the scope root', () => {
    const community = { id: 'c', level: 'community' as const, path: 'd.s.c' };
    expect(moveRefusal(community, { level: 'street', path: 'd.s2' }, 'd')).toBeNull();
    expect(moveRefusal(community, { level: 'grid', path: 'd.s.c.g' }, 'd')).toBe('into_own_subtree');
    expect(moveRefusal(community, { level: 'district', path: 'd' }, 'd')).toBe('level_mismatch');
    expect(moveRefusal(community, { level: 'street', path: 'd.s2' }, 'd.s.c')).toBe('root_of_scope');
  });
});
