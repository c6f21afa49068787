import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { Permission } from '../../platform/auth/permissions.js';
import { ORDER_STATES } from '@yiyang/contracts';
import { callRight } from './orders.elder-phone.js';

const helper = (staffId: string | null, ...permissions: Permission[]): Pick<Actor, 'staffId' | 'permissions'> => ({ staffId, permissions: new Set(permissions) });

describe('who may call the elder through an order', () => {
  it('lets the assigned helper call only while the visit is under way', () => {
    const allowed = ORDER_STATES.filter((state) => callRight(helper('s1', 'orders.read'), { staff_id: 's1', state }) === 'assigned_helper');
    expect(allowed).toEqual(['accepted', 'en_route', 'in_service']);
  });

  it('refuses another helper in every state', () => {
    for (const state of ORDER_STATES) expect(callRight(helper('s2', 'orders.read'), { staff_id: 's1', state })).toBeNull();
  });

  it('lets staff who may reveal numbers see it in any state, and nobody else', () => {
    for (const state of ORDER_STATES) {
      expect(callRight(helper(null, 'elders.reveal'), { staff_id: 's1', state })).toBe('elders.reveal');
      expect(callRight(helper(null, 'orders.read'), { staff_id: 's1', state })).toBeNull();
    }
  });
});
