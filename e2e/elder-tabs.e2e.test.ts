import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiGet, inNewPage, login, pressDemoButton, tokenFor, type TestServer, withServerAndBrowser } from './support.ts';

let server: TestServer;
let browser: Browser;

withServerAndBrowser((s, b) => ((server = s), (browser = b)));

/** 张秀兰, the family account's elder, in the community worker's area. */
async function familyElderId(): Promise<string> {
  const me = await apiGet<{ elderIds: string[] }>(server, await tokenFor(server, 'family'), '/api/v1/auth/me');
  return me.elderIds[0]!;
}

describe('the elder page’s services and alarms tabs', () => {
  test('a community worker gives the elder a package and sees its items with this month’s quotas; the operator sees it without the buttons', async () => {
    const elderId = await familyElderId();
    await inNewPage(browser, server, async (page) => {
      await login(page, 'community');
      await page.goto(`/elders/${elderId}`);
      await page.getByRole('tab', { name: '服务与套餐' }).click();
      const card = page.getByTestId('elder-package');
      await card.getByText('该老人没有服务套餐').waitFor();

      await page.getByTestId('package-give').click();
      const dialog = page.getByTestId('package-dialog');
      await dialog.getByTestId('package-option-基础照料套餐').click();
      await page.getByTestId('package-save').click();
      await dialog.waitFor({ state: 'hidden' });

      assert.equal(await card.getByTestId('elder-package-name').innerText(), '基础照料套餐');
      // Starts today (Beijing), the dialog's default, and runs until ended.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      assert.equal(await card.getByTestId('elder-package-period').innerText(), `${today} 起，长期有效`);
      // 基础照料套餐: room cleaning 4, chatting 4, haircut 1 a month; nothing used yet.
      for (const [item, quota] of [['居室清洁', 4], ['陪伴聊天', 4], ['上门理发', 1]] as const) {
        assert.equal(await card.getByTestId(`package-usage-${item}`).getByTestId('package-usage-count').innerText(), `0 / ${quota} 次`, item);
      }
      const held = await apiGet<{ package: { name: string } | null; endsOn: string | null }>(server, await tokenFor(server, 'community'), `/api/v1/elders/${elderId}/package`);
      assert.equal(held.package?.name, '基础照料套餐');
      assert.equal(held.endsOn, null);
    });

    // The service centre reads the package but does not hold elders.write, so it gets no buttons.
    await inNewPage(browser, server, async (page) => {
      await login(page, 'operator');
      await page.goto(`/elders/${elderId}`);
      await page.getByRole('tab', { name: '服务与套餐' }).click();
      await page.getByTestId('elder-package-name').getByText('基础照料套餐').waitFor();
      assert.equal(await page.getByTestId('package-give').count(), 0);
      assert.equal(await page.getByTestId('package-end').count(), 0);
    });
  });

  test('the alarms tab shows the empty state, then a press of the elder’s button, linked to its alarm page', async () => {
    const elderId = await familyElderId();
    await inNewPage(browser, server, async (page) => {
      await login(page, 'community');
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(`/elders/${elderId}`);
      // The services tab follows orders and the alarms tab alarms: both ride one socket.
      await page.getByRole('tab', { name: '服务与套餐' }).click();
      await page.getByRole('tab', { name: '报警记录' }).click();
      await page.getByTestId('elder-alarms-empty').waitFor();

      // Pressed while the tab is open: the live feed brings it in without a reload.
      const alarmId = await pressDemoButton(server);
      const row = page.getByTestId(`elder-alarm-${alarmId}`);
      await row.waitFor();
      assert.match(await row.innerText(), /紧急呼叫/);
      assert.match(await row.innerText(), /待接警/);
      assert.deepEqual(sockets.map((u) => new URL(u).pathname), ['/api/v1/stream']);
      await row.getByRole('link', { name: '查看' }).click();
      await page.waitForURL(`**/alarms/${alarmId}`);
    });
  });
});
