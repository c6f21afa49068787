/** Tag colours shared by the queue, the alarm page and the elder page's alarm tab. */
export const PRIORITY_COLOR: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };
export const STATE_COLOR: Record<string, string> = { open: 'red', claimed: 'orange', dispatched: 'blue', arrived: 'green', closed: 'default' };
