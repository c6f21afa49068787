import { signDeviceBody } from '../src/modules/devices/index.js';
import type { TestApp } from './harness.js';
import { TEST_PASSWORD } from './harness.js';

/** The demo call button's secret in the test district is the demo password. */
export const DEMO_BUTTON = { deviceId: 'demo-button-1', secret: TEST_PASSWORD };

let serial = 0;
export function sosEvent(over: Record<string, unknown> = {}) {
  return { deviceId: DEMO_BUTTON.deviceId, eventId: `ev-${process.pid}-${Date.now()}-${serial++}`, type: 'sos', occurredAt: new Date().toISOString(), payload: {}, ...over };
}

/** Posts events signed as a device would; `tamper` lets tests break one part of the protocol. */
export async function sendSigned(
  t: TestApp,
  body: unknown,
  opts: { secret?: string; timestamp?: number; signature?: string; raw?: string } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? signDeviceBody(opts.secret ?? DEMO_BUTTON.secret, ts, raw);
  return t.app.http.inject({
    method: 'POST',
    url: '/api/v1/device-events',
    headers: { 'content-type': 'application/json', 'x-yiyang-timestamp': ts, 'x-yiyang-signature': signature },
    payload: raw,
  });
}
