import type { AlarmState } from '@yiyang/contracts';

/**
 * The life of an alarm. State moves forward only: open → claimed → dispatched → arrived → closed.
 * Calls, escalations to 120/110, hand-overs, repeat presses and en-route marks are recorded on
 * the timeline without changing state, but only while the alarm is in a state that allows them.
 */
export type AlarmAction = 'claim' | 'call' | 'dispatch' | 'en_route' | 'arrive' | 'escalate' | 'handover' | 'false_alarm' | 'close' | 'join';

const ALLOWED: Record<AlarmAction, readonly AlarmState[]> = {
  claim: ['open'],
  call: ['claimed', 'dispatched', 'arrived'],
  // A second dispatch re-assigns (the first responder breached the target or cannot come).
  dispatch: ['claimed', 'dispatched'],
  en_route: ['dispatched'],
  arrive: ['dispatched'],
  escalate: ['claimed', 'dispatched', 'arrived'],
  handover: ['claimed', 'dispatched', 'arrived'],
  false_alarm: ['open', 'claimed', 'dispatched'],
  close: ['claimed', 'dispatched', 'arrived'],
  join: ['open', 'claimed', 'dispatched', 'arrived'],
};

export function nextState(state: AlarmState, action: AlarmAction): AlarmState | null {
  if (!ALLOWED[action].includes(state)) return null;
  switch (action) {
    case 'claim':
      return 'claimed';
    case 'dispatch':
      return 'dispatched';
    case 'arrive':
      return 'arrived';
    case 'false_alarm':
    case 'close':
      return 'closed';
    case 'call':
    case 'en_route':
    case 'escalate':
    case 'handover':
    case 'join':
      return state;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

export const ALARM_ACTIONS = Object.keys(ALLOWED) as AlarmAction[];

/** The arrival target every alarm is measured against. */
export const ARRIVAL_TARGET_SECONDS = 15 * 60;
/** An alarm nobody has claimed after this long goes to a supervisor. */
export const CLAIM_TARGET_SECONDS = 60;
