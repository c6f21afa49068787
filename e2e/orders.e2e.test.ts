import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { apiGet, launchBrowser, login, newContext, startServer, tokenFor, type TestServer } from './support.ts';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const PHONE = { width: 390, height: 844 };

async function context(opts: { phone?: boolean; at?: { lat: number; lng: number } } = {}) {
  const c = await newContext(browser, server, opts.phone ? { viewport: PHONE } : {});
  if (opts.at) {
    await c.grantPermissions(['geolocation'], { origin: server.baseUrl });
    await c.setGeolocation({ latitude: opts.at.lat, longitude: opts.at.lng, accuracy: 10 });
  }
  contexts.push(c);
  return c;
}

interface OrderView {
  id: string;
  number: string;
  state: string;
  elderId: string;
  staffName: string | null;
  location: { lat: number; lng: number } | null;
  visit: { outOfArea: boolean; checkInDistanceM: number | null };
  review: { rating: number } | null;
}

describe('home-service order, end to end', () => {
  test('family orders → operator dispatches → caregiver accepts, checks in and out → family confirms and rates', async () => {
    const familyToken = await tokenFor(server, 'family');
    const me = await apiGet<{ elderIds: string[] }>(server, familyToken, '/api/v1/auth/me');
    const elderId = me.elderIds[0]!;

    // 1. The family books housekeeping for tomorrow morning on the phone, in three choices.
    const family = await (await context({ phone: true })).newPage();
    await login(family, 'family');
    await family.goto('/m/services');
    await family.getByTestId('category-housekeeping').click();
    await family.getByTestId('item-room_cleaning').click();
    await family.getByTestId('day-tomorrow').click();
    await family.getByTestId('slot-morning').click();
    await family.getByTestId('order-submit').click();
    let order: OrderView | undefined;
    for (let i = 0; i < 50 && !order; i++) {
      const list = await apiGet<{ items: OrderView[] }>(server, familyToken, `/api/v1/orders?elderId=${elderId}`);
      order = list.items.find((o) => o.state === 'requested');
      if (!order) await family.waitForTimeout(100);
    }
    assert.ok(order, 'the booking reached the server');
    await family.getByTestId(`family-order-${order.number}`).waitFor();

    // 2. The operator sees it on the board and dispatches it to the demo caregiver from the candidates.
    const operator = await (await context()).newPage();
    await login(operator, 'operator');
    await operator.goto('/orders?state=requested');
    await operator.getByTestId(`dispatch-${order.number}`).click();
    const candidates = operator.getByTestId('dispatch-candidates');
    await candidates.waitFor();
    assert.match(await candidates.innerText(), /李秀英/, 'the caregiver is among the ranked candidates');
    assert.match(await operator.locator('.ant-modal').innerText(), /考虑了 \d+ 名服务人员/);
    await operator.getByTestId('dispatch-to-李秀英').click();
    await operator.locator('.ant-modal').waitFor({ state: 'hidden' });
    const operatorToken = await tokenFor(server, 'operator');
    const dispatched = await apiGet<OrderView>(server, operatorToken, `/api/v1/orders/${order.id}`);
    assert.equal(dispatched.state, 'dispatched');
    assert.equal(dispatched.staffName, '李秀英');
    assert.ok(dispatched.location, 'the elder has a home position');

    // The board follows the live feed: the caregiver's accept shows without a reload or a poll.
    await operator.goto('/orders');
    await operator.getByTestId('orders-stream-state').filter({ hasText: '实时更新' }).waitFor();
    const boardRow = operator.getByTestId('orders-table').locator('tr').filter({ hasText: order.number });
    await boardRow.getByText('已派单').waitFor();

    // 3. The caregiver, standing at the elder's door, accepts, calls the elder, checks in and checks out.
    const caregiver = await (await context({ phone: true, at: dispatched.location! })).newPage();
    await login(caregiver, 'caregiver');
    await caregiver.goto('/m/tasks');
    const card = caregiver.getByTestId(`task-${order.number}`);
    await card.getByTestId('task-accept').click();
    await boardRow.getByText('已接单').waitFor({ timeout: 5000 });
    const phoneAnswer = caregiver.waitForResponse((r) => r.url().endsWith(`/api/v1/orders/${order.id}/elder-phone`));
    await card.getByTestId('task-call-elder').click();
    const phone = (await (await phoneAnswer).json()) as { elderName: string; phone: string | null };
    assert.equal(phone.elderName, '张秀兰');
    assert.match(phone.phone ?? '', /^1\d{10}$/, "the assigned helper gets the elder's whole number");
    assert.equal(await caregiver.getByTestId('elder-phone-number').innerText(), phone.phone);
    assert.equal(await caregiver.getByTestId('elder-phone-dial').getAttribute('href'), `tel:${phone.phone}`);
    await caregiver.keyboard.press('Escape');
    await caregiver.getByTestId('elder-phone-number').waitFor({ state: 'detached' });
    await card.getByTestId('task-check-in').click();
    await card.getByTestId('task-check-out').click();
    await caregiver.getByTestId(`task-${order.number}`).waitFor({ state: 'detached' });
    const visited = await apiGet<OrderView>(server, operatorToken, `/api/v1/orders/${order.id}`);
    assert.equal(visited.state, 'completed');
    assert.equal(visited.visit.outOfArea, false);
    assert.equal(visited.visit.checkInDistanceM, 0);

    // 4. The family, whose page updated itself over the live feed, confirms the visit and rates it.
    const mine = family.getByTestId(`family-order-${order.number}`);
    await mine.getByTestId('family-confirm').click({ timeout: 5000 });
    await mine.getByTestId('family-rate').waitFor();
    await mine.locator('.ant-rate-star').nth(3).click();
    await mine.getByTestId('family-review').click();
    await mine.getByText('★★★★').waitFor();
    const reviewed = await apiGet<OrderView & { timeline: { action: string }[] }>(server, operatorToken, `/api/v1/orders/${order.id}`);
    assert.equal(reviewed.state, 'reviewed');
    assert.equal(reviewed.review?.rating, 4);
    assert.deepEqual(reviewed.timeline.map((s) => s.action), ['create', 'dispatch', 'accept', 'check_in', 'check_out', 'confirm', 'review']);

    // 5. The order shows on the elder's page, services tab, and its detail shows the whole timeline.
    await operator.goto(`/elders/${elderId}`);
    await operator.getByRole('tab', { name: '服务与套餐' }).click();
    const row = operator.getByTestId('elder-services').locator('tr', { hasText: order.number });
    await row.waitFor();
    assert.match(await row.innerText(), /已评价/);
    assert.match(await row.innerText(), /★★★★/);
    await row.getByRole('link', { name: order.number }).click();
    const timeline = operator.getByTestId('order-timeline');
    await timeline.waitFor();
    const steps = await timeline.innerText();
    for (const word of ['下单', '派单', '接单', '签到', '签退', '确认', '评价']) assert.match(steps, new RegExp(word));
    assert.match(await operator.getByTestId('order-explanation').innerText(), /李秀英/);

    // 6. Supervision: the visit was rated 4 by the family, so satisfaction shows the provider.
    await operator.goto('/supervision');
    await operator.getByRole('tab', { name: '满意度' }).click();
    // The other tabs' tables stay in the page, hidden: look only at what is shown.
    await operator.getByText('湖滨乐龄居家养老服务中心', { exact: true }).filter({ visible: true }).first().waitFor();
  });
});
