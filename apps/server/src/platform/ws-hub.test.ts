import { describe, expect, it } from 'vitest';
import type { Role } from '@yiyang/contracts';
import type { Actor } from './auth/actor.js';
import { permissionsOf } from './auth/permissions.js';
import { visibleTo } from './ws-hub.js';

const actor = (role: Role, orgPath: string, extra: Partial<Actor> = {}): Actor => ({
  userId: `u-${role}`, username: role, displayName: role, role, orgUnitId: 'x', orgPath, permissions: permissionsOf(role),
  providerId: null, staffId: null, responderId: null, elderIds: [], sessionId: null, ...extra,
});

describe('who receives a live event', () => {
  const alarm = { topic: 'alarms.opened', orgPath: 'd.s1.c1.g1.k1', data: { alarmId: 'a1', elderId: 'e1' } };

  it('reaches consoles whose subtree holds it and who may read the topic', () => {
    expect(visibleTo(alarm, actor('operator', 'd'))).toBe(true);
    expect(visibleTo(alarm, actor('community', 'd.s1.c1'))).toBe(true);
    expect(visibleTo(alarm, actor('community', 'd.s1.c2'))).toBe(false);
    expect(visibleTo(alarm, actor('street', 'd.s2'))).toBe(false);
    // A prefix of a label is not an ancestor.
    expect(visibleTo({ ...alarm, orgPath: 'd.s10.c1' }, actor('street', 'd.s1'))).toBe(false);
  });

  it('needs the topic’s read permission', () => {
    expect(visibleTo({ ...alarm, topic: 'orders.created' }, actor('responder', 'd.s1.c1'))).toBe(false);
  });

  it('gives narrow roles only what is addressed to them', () => {
    expect(visibleTo(alarm, actor('responder', 'd.s1.c1'))).toBe(false);
    expect(visibleTo({ ...alarm, userIds: ['u-responder'] }, actor('responder', 'd.s1.c1'))).toBe(true);
    expect(visibleTo({ topic: 'orders.state_changed', orgPath: 'd.s1.c1', data: {} }, actor('caregiver', 'd.s1.c1'))).toBe(false);
    expect(visibleTo({ topic: 'orders.created', orgPath: 'd.s1.c1', data: {} }, actor('provider', 'd'))).toBe(false);
  });

  it('gives a family account events about its own elders only, not its neighbours’', () => {
    const family = actor('family', 'd.s1.c1.g1.k1', { elderIds: ['e1'] });
    expect(visibleTo(alarm, family)).toBe(true);
    expect(visibleTo({ ...alarm, data: { alarmId: 'a2', elderId: 'e2' } }, family)).toBe(false);
    expect(visibleTo({ topic: 'orders.sla_breach', orgPath: 'd.s1.c1.g1.k1', data: { elderName: '邻居' } }, family)).toBe(false);
  });
});
