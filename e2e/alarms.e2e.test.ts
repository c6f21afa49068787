import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiGet, DEMO_PASSWORD, inNewPage, login, newContext, pressDemoButton, tokenFor, type TestServer, withServerAndBrowser } from './support.ts';

let server: TestServer;
let browser: Browser;

withServerAndBrowser((s, b) => ((server = s), (browser = b)));

describe('alarm centre', () => {
  test('a signed SOS reaches the console live, is claimed and dispatched, the responder arrives, the operator closes it', async () => {
    const operatorContext = await newContext(browser, server);
    const operator = await operatorContext.newPage();
    const responderContext = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 400, height: 800 },
      geolocation: { latitude: 30.2489, longitude: 120.1342 },
      permissions: ['geolocation'],
    });
    const responder = await responderContext.newPage();
    try {
      await login(operator, 'operator');
      await operator.goto('/alarms');
      await operator.getByTestId('alarm-stream-state').filter({ hasText: '实时连接正常' }).waitFor();

      await login(responder, 'responder');
      await responder.goto('/m/alarms');
      await responder.getByText('暂无派给您的任务').waitFor();

      // The button is pressed by a script; the operator's screen is not reloaded.
      const sent = Date.now();
      const alarmId = await pressDemoButton(server);
      const row = operator.getByTestId(`alarm-row-${alarmId}`);
      await row.waitFor({ timeout: 2000 });
      const seenAfter = Date.now() - sent;
      assert.ok(seenAfter < 2000, `shown after ${seenAfter} ms`);
      assert.match(await row.innerText(), /紧急呼叫/);
      assert.match(await row.innerText(), /张秀兰/);

      await row.click();
      await operator.getByTestId('alarm-elder').getByText('张秀兰').waitFor();
      await operator.getByTestId('action-claim').click();
      await operator.getByTestId('alarm-state').filter({ hasText: '已接警' }).waitFor();
      await operator.getByTestId('action-dispatch').click();
      await operator.getByTestId('alarm-state').filter({ hasText: '已派员' }).waitFor();

      // The assignment arrives on the responder's phone without a reload.
      const card = responder.getByTestId(`assignment-${alarmId}`);
      await card.waitFor({ timeout: 3000 });
      await responder.getByTestId('responder-en-route').click();
      await responder.getByTestId('responder-en-route').waitFor({ state: 'detached' });
      await responder.getByTestId('responder-arrive').click();
      await card.getByTestId('assignment-state').filter({ hasText: '已到场' }).waitFor();

      // The operator's page follows live, then the operator closes the alarm.
      await operator.getByTestId('alarm-state').filter({ hasText: '已到场' }).waitFor();
      await operator.getByTestId('action-close').click();
      await operator.getByTestId('close-submit').click();
      await operator.getByTestId('alarm-state').filter({ hasText: '已结束' }).waitFor();

      for (const entry of ['opened', 'claimed', 'dispatched', 'en_route', 'arrived', 'closed']) {
        await operator.getByTestId(`timeline-${entry}`).waitFor();
      }
      const timeline = await operator.getByTestId('alarm-timeline').innerText();
      assert.match(timeline, /王建国/, 'the dispatched responder is named');
      assert.match(timeline, /现场处置完毕/, 'the outcome is recorded');
    } finally {
      await operatorContext.close();
      await responderContext.close();
    }
  });

  test('the holder hands the alarm to a colleague picked in the dialog, with a note; the page shows the new holder', async () => {
    // A second operator on the district desk, made by the bureau as a real one would be.
    const admin = await tokenFor(server, 'admin');
    const { orgUnitId } = await apiGet<{ orgUnitId: string }>(server, admin, '/api/v1/auth/me');
    const created = await fetch(`${server.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: 'night.desk', displayName: '夜班话务员 陈静', role: 'operator', orgUnitId, password: 'Night-Desk-2026!' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const alarmId = await pressDemoButton(server);

    await inNewPage(browser, server, async (page) => {
      await login(page, 'operator');
      await page.goto(`/alarms/${alarmId}`);
      await page.getByTestId('action-claim').click();
      await page.getByTestId('alarm-holder').filter({ hasText: '服务中心话务员' }).waitFor();

      await page.getByTestId('action-handover').click();
      const dialog = page.getByTestId('handover-dialog');
      await dialog.getByTestId('handover-candidate-admin').waitFor();
      assert.equal(await dialog.getByTestId('handover-candidate-operator').count(), 0, 'the holder is not offered to itself');
      await dialog.getByTestId('handover-candidate-night.desk').click();
      await dialog.getByTestId('handover-note').fill('交班：已联系老人，等待回电');
      await dialog.getByTestId('handover-submit').click();

      await page.getByTestId('alarm-holder').filter({ hasText: '夜班话务员 陈静' }).waitFor();
      const entry = page.getByTestId('timeline-handed_over');
      await entry.filter({ hasText: '夜班话务员 陈静' }).filter({ hasText: '交班：已联系老人，等待回电' }).waitFor();
      // No longer the holder: the holder's actions are gone.
      await page.getByTestId('action-call').waitFor({ state: 'detached' });
      await page.getByTestId('handover-dialog').waitFor({ state: 'detached' });
    });
  });
});
