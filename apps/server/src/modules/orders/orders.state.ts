import { ORDER_STATES } from '@yiyang/contracts';

/**
 * The work order's life, as a pure table: which action may move an order from which state, and
 * where it lands. Services ask `transition` before they write, so every rule lives here once.
 *
 *   requested → dispatched → accepted → en_route → in_service → completed → confirmed → reviewed
 *   reject (provider, with reason): dispatched|accepted → requested (back to dispatch)
 *   cancel: before the visit starts; no_show: the elder was not there; dispute: after the visit.
 */
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_ACTIONS = ['dispatch', 'accept', 'reject', 'start', 'check_in', 'check_out', 'confirm', 'review', 'cancel', 'no_show', 'dispute', 'resolve'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const RULES: Record<OrderAction, { from: readonly OrderState[]; to: OrderState }> = {
  // From `dispatched` too: an operator may reassign, and a missed accept deadline redispatches.
  dispatch: { from: ['requested', 'dispatched'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'accepted' },
  reject: { from: ['dispatched', 'accepted'], to: 'requested' },
  start: { from: ['accepted'], to: 'en_route' },
  // A helper who lives next door checks in without declaring a journey.
  check_in: { from: ['accepted', 'en_route'], to: 'in_service' },
  check_out: { from: ['in_service'], to: 'completed' },
  confirm: { from: ['completed'], to: 'confirmed' },
  review: { from: ['confirmed'], to: 'reviewed' },
  cancel: { from: ['requested', 'dispatched', 'accepted', 'en_route'], to: 'cancelled' },
  no_show: { from: ['accepted', 'en_route'], to: 'no_show' },
  dispute: { from: ['completed', 'confirmed'], to: 'disputed' },
  resolve: { from: ['disputed'], to: 'confirmed' },
};

export type TransitionResult = { ok: true; to: OrderState } | { ok: false; allowedActions: OrderAction[] };

export function transition(state: OrderState, action: OrderAction): TransitionResult {
  const rule = RULES[action];
  if (rule.from.includes(state)) return { ok: true, to: rule.to };
  return { ok: false, allowedActions: allowedActions(state) };
}

export function allowedActions(state: OrderState): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => RULES[a].from.includes(state));
}

/** A staff member is busy with an order in these states (it counts against their load). */
export const OPEN_STATES: readonly OrderState[] = ['dispatched', 'accepted', 'en_route', 'in_service'];
export const isOpen = (s: OrderState) => OPEN_STATES.includes(s);

/** Terminal: nothing more happens to the order. */
export function isFinal(state: OrderState): boolean {
  switch (state) {
    case 'reviewed':
    case 'cancelled':
    case 'no_show':
      return true;
    case 'requested':
    case 'dispatched':
    case 'accepted':
    case 'en_route':
    case 'in_service':
    case 'completed':
    case 'confirmed':
    case 'disputed':
      return false;
  }
}

/**
 * How the open-order counters of the old and new staff change when an order moves: the staff
 * loses it when it leaves the open states or is reassigned, and the new staff gains it.
 */
export function loadChanges(from: { state: OrderState; staffId: string | null }, to: { state: OrderState; staffId: string | null }): { staffId: string; delta: 1 | -1 }[] {
  const was = isOpen(from.state) && from.staffId ? from.staffId : null;
  const now = isOpen(to.state) && to.staffId ? to.staffId : null;
  if (was === now) return [];
  const changes: { staffId: string; delta: 1 | -1 }[] = [];
  if (was) changes.push({ staffId: was, delta: -1 });
  if (now) changes.push({ staffId: now, delta: 1 });
  return changes;
}
