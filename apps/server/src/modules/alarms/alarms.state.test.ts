import { ALARM_STATES, type AlarmState } from '@yiyang/contracts';
import { describe, expect, it } from 'vitest';
import { ALARM_ACTIONS, nextState, type AlarmAction } from './alarms.state.js';

const allowed: Record<AlarmAction, Partial<Record<AlarmState, AlarmState>>> = {
  claim: { open: 'claimed' },
  call: { claimed: 'claimed', dispatched: 'dispatched', arrived: 'arrived' },
  dispatch: { claimed: 'dispatched', dispatched: 'dispatched' },
  en_route: { dispatched: 'dispatched' },
  arrive: { dispatched: 'arrived' },
  escalate: { claimed: 'claimed', dispatched: 'dispatched', arrived: 'arrived' },
  handover: { claimed: 'claimed', dispatched: 'dispatched', arrived: 'arrived' },
  false_alarm: { open: 'closed', claimed: 'closed', dispatched: 'closed' },
  close: { claimed: 'closed', dispatched: 'closed', arrived: 'closed' },
  join: { open: 'open', claimed: 'claimed', dispatched: 'dispatched', arrived: 'arrived' },
};

describe('alarm state machine', () => {
  for (const action of ALARM_ACTIONS) {
    for (const state of ALARM_STATES) {
      const to = allowed[action][state];
      if (to) {
        it(`${action} from ${state} → ${to}`, () => expect(nextState(state, action)).toBe(to));
      } else {
        it(`${action} from ${state} is refused`, () => expect(nextState(state, action)).toBeNull());
      }
    }
  }

  it('a closed alarm accepts nothing, not even a repeat press', () => {
    for (const action of ALARM_ACTIONS) expect(nextState('closed', action)).toBeNull();
  });
});
