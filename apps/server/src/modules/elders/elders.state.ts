import type { ElderStatus } from '@yiyang/contracts';

/**
 * Status changes of an elder's record. Nothing is deleted: a person who moves out may come back;
 * a death is final (a wrong death entry is corrected by a new registration review, not by a click).
 */
const ALLOWED: Record<ElderStatus, readonly ElderStatus[]> = {
  active: ['moved_out', 'deceased'],
  moved_out: ['active', 'deceased'],
  deceased: [],
};

export function mayChangeStatus(from: ElderStatus, to: ElderStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Services and alarms run only for elders who still live here. */
export function isServed(status: ElderStatus): boolean {
  switch (status) {
    case 'active':
      return true;
    case 'moved_out':
    case 'deceased':
      return false;
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

/**
 * Published (a durable job per subscribing module) when an elder stops being served: moved out or
 * died. Orders end the package and call off booked visits; plans stop.
 */
export const ELDER_LEFT_SERVICE = 'elders.left_service';
export interface ElderLeftService {
  elderId: string;
  status: 'moved_out' | 'deceased';
  /** The day it took effect (Asia/Shanghai). */
  effectiveDate: string;
}
