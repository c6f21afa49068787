import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiGet, inNewPage, login, tokenFor, withServerAndBrowser, type TestServer } from './support.ts';

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => ((server = s), (browser = b)));

interface PlanView {
  id: string;
  rrule: string;
  startTime: string;
  durationMinutes: number;
  state: string;
  nextVisits: { orderId: string; start: string; state: string }[];
}

describe('care plans on the elder page', () => {
  test('a community worker sets up bathing every Monday and Thursday and sees its next visits', async () => {
    const token = await tokenFor(server, 'community');
    const elders = await apiGet<{ items: { id: string; name: string; status: string }[] }>(server, token, '/api/v1/elders?pageSize=20');
    const elder = elders.items.find((e) => e.status === 'active');
    assert.ok(elder, 'the community has an active elder');

    await inNewPage(browser, server, async (page) => {
      await login(page, 'community');
      await page.goto(`/elders/${elder.id}`);
      await page.getByRole('tab', { name: '服务与套餐' }).click();
      const plans = page.getByTestId('care-plans');
      await plans.waitFor();

      await page.getByTestId('care-plan-new').click();
      const dialog = page.locator('.ant-modal');
      await dialog.waitFor();
      await page.getByTestId('care-plan-items').click();
      await page.keyboard.type('上门助浴');
      await page.locator('.ant-select-item-option', { hasText: '上门助浴' }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('care-plan-day-MO').click();
      await page.getByTestId('care-plan-day-TH').click();
      await page.locator('input[data-testid="care-plan-duration"], [data-testid="care-plan-duration"] input').fill('90');
      await page.getByTestId('care-plan-preview').getByText('每周一、四 09:00，90 分钟').waitFor();
      await page.getByTestId('care-plan-submit').click();
      await dialog.waitFor({ state: 'hidden' });

      // The plan is listed in words, with the visits it booked: three, each on a Monday or Thursday.
      await plans.getByTestId('care-plan-schedule').getByText('每周一、四 09:00，90 分钟').waitFor();
      const next = plans.getByTestId('care-plan-next');
      await next.getByRole('link').nth(2).waitFor();
      const shown = await next.getByRole('link').allInnerTexts();
      assert.equal(shown.length, 3, `three next visits: ${shown.join(' | ')}`);
      for (const s of shown) assert.match(s, /^\d{2}-\d{2} 周[一四] 09:00$/);

      const saved = await apiGet<{ items: PlanView[] }>(server, token, `/api/v1/care-plans?elderId=${elder.id}`);
      assert.equal(saved.items.length, 1);
      const plan = saved.items[0]!;
      assert.deepEqual({ rrule: plan.rrule, startTime: plan.startTime, durationMinutes: plan.durationMinutes, state: plan.state }, { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', startTime: '09:00', durationMinutes: 90, state: 'active' });
      assert.equal(plan.nextVisits.length, 3);

      // A visit opens its order.
      await next.getByRole('link').first().click();
      await page.waitForURL(`**/orders/${plan.nextVisits[0]!.orderId}`);
    });
  });

  test('the bureau marks a holiday and removes it, and sees how many plan visits went and came back', async () => {
    const community = await tokenFor(server, 'community');
    const admin = await tokenFor(server, 'admin');
    const elders = await apiGet<{ items: { id: string; status: string }[] }>(server, community, '/api/v1/elders?pageSize=20');
    const elder = elders.items.filter((e) => e.status === 'active').at(-1)!;
    const day = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    const created = await fetch(`${server.baseUrl}/api/v1/care-plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${community}`, 'content-type': 'application/json' },
      body: JSON.stringify({ elderId: elder.id, itemIds: [await itemId(community, 'lunch_delivery')], rrule: 'FREQ=DAILY', startTime: '11:00', durationMinutes: 30, startsOn: day, endsOn: day }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    // Every plan visit booked that day (this one and any from other tests) is what the holiday takes.
    const booked = (await apiGet<{ items: { source: string }[] }>(server, admin, `/api/v1/orders?date=${day}&state=requested&pageSize=200`)).items.filter((o) => o.source === 'care_plan').length;
    assert.ok(booked >= 1);

    await inNewPage(browser, server, async (page) => {
      await login(page, 'admin');
      await page.getByRole('menuitem', { name: '节假日' }).click();
      await page.waitForURL('**/holidays');
      await page.getByTestId('holiday-day').click();
      await page.keyboard.type(day);
      await page.keyboard.press('Enter');
      await page.getByTestId('holiday-name').fill('调休');
      await page.getByTestId('holiday-add').click();
      await page.getByTestId('holiday-result').getByText(`已标记 ${day} 调休：取消了 ${booked} 次尚未派单的护理计划上门服务。`).waitFor();
      await page.getByTestId('holidays-upcoming').getByRole('row', { name: new RegExp(`${day}.*调休`) }).waitFor();

      await page.getByTestId(`holiday-remove-${day}`).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('holiday-result').getByText(`已删除节假日 ${day}：恢复了 ${booked} 次护理计划上门服务。`).waitFor();
      await page.getByTestId(`holiday-remove-${day}`).waitFor({ state: 'detached' });
    });
  });
});

async function itemId(token: string, code: string): Promise<string> {
  const items = await apiGet<{ items: { id: string; code: string }[] }>(server, token, '/api/v1/service-items');
  return items.items.find((i) => i.code === code)!.id;
}
