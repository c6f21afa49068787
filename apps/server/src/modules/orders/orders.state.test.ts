import { ORDER_STATES } from '@yiyang/contracts';
import { describe, expect, it } from 'vitest';
import { allowedActions, isFinal, loadChanges, ORDER_ACTIONS, transition, type OrderAction, type OrderState } from './orders.state.js';

const ALLOWED: Record<OrderAction, [OrderState, OrderState][]> = {
  dispatch: [['requested', 'dispatched'], ['dispatched', 'dispatched']],
  accept: [['dispatched', 'accepted']],
  reject: [['dispatched', 'requested'], ['accepted', 'requested']],
  start: [['accepted', 'en_route']],
  check_in: [['accepted', 'in_service'], ['en_route', 'in_service']],
  check_out: [['in_service', 'completed']],
  confirm: [['completed', 'confirmed']],
  review: [['confirmed', 'reviewed']],
  cancel: [['requested', 'cancelled'], ['dispatched', 'cancelled'], ['accepted', 'cancelled'], ['en_route', 'cancelled']],
  no_show: [['accepted', 'no_show'], ['en_route', 'no_show']],
  dispute: [['completed', 'disputed'], ['confirmed', 'disputed']],
  resolve: [['disputed', 'confirmed']],
};

describe('work order transitions', () => {
  for (const action of ORDER_ACTIONS) {
    for (const state of ORDER_STATES) {
      const expected = ALLOWED[action].find(([from]) => from === state);
      if (expected) {
        it(`${action} moves ${state} → ${expected[1]}`, () => {
          expect(transition(state, action)).toEqual({ ok: true, to: expected[1] });
        });
      } else {
        it(`${action} is refused in ${state}`, () => {
          const r = transition(state, action);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.allowedActions).not.toContain(action);
        });
      }
    }
  }

  it('walks the happy path from request to review', () => {
    let s: OrderState = 'requested';
    for (const a of ['dispatch', 'accept', 'start', 'check_in', 'check_out', 'confirm', 'review'] as const) {
      const r = transition(s, a);
      if (!r.ok) throw new Error(`${a} refused in ${s}`);
      s = r.to;
    }
    expect(s).toBe('reviewed');
    expect(isFinal(s)).toBe(true);
    expect(allowedActions(s)).toEqual([]);
  });

  it('moves open-order load with the staff and the state', () => {
    expect(loadChanges({ state: 'requested', staffId: null }, { state: 'dispatched', staffId: 'a' })).toEqual([{ staffId: 'a', delta: 1 }]);
    expect(loadChanges({ state: 'dispatched', staffId: 'a' }, { state: 'dispatched', staffId: 'b' })).toEqual([{ staffId: 'a', delta: -1 }, { staffId: 'b', delta: 1 }]);
    expect(loadChanges({ state: 'dispatched', staffId: 'a' }, { state: 'accepted', staffId: 'a' })).toEqual([]);
    expect(loadChanges({ state: 'in_service', staffId: 'a' }, { state: 'completed', staffId: 'a' })).toEqual([{ staffId: 'a', delta: -1 }]);
    expect(loadChanges({ state: 'accepted', staffId: 'a' }, { state: 'requested', staffId: null })).toEqual([{ staffId: 'a', delta: -1 }]);
  });
});
