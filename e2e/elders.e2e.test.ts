import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { elderWorkbook, sampleRow } from '../apps/server/test/support/elders-xlsx.ts';
import { apiGet, login, newContext, type TestServer, tokenFor, withServerAndBrowser } from './support.ts';

let server: TestServer;
let browser: Browser;

withServerAndBrowser((s, b) => ((server = s), (browser = b)));

describe('elder registry in the console', () => {
  test('a community worker imports a small .xlsx and finds an imported elder by search', async () => {
    const context = await newContext(browser, server);
    const page = await context.newPage();
    try {
      await login(page, 'community');
      const file = await elderWorkbook([
        sampleRow(1, '东坡社区/第一网格', { name: '钱塘春', livingSituation: '独居' }),
        sampleRow(2, '东坡社区/第二网格', { name: '西溪月' }),
        sampleRow(3, '东坡社区/第一网格', { name: '运河秋' }),
      ]);

      await page.goto('/elders/import');
      await page.locator('input[type=file]').setInputFiles({ name: '老人名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
      await page.getByTestId('import-status').filter({ hasText: '导入完成' }).waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('import-report').innerText(), /共 3 行/);

      await page.goto('/elders');
      await page.getByTestId('elder-search').locator('input').fill('钱塘春');
      await page.getByTestId('elder-search').locator('input').press('Enter');
      const link = page.getByTestId('elder-table').getByRole('link', { name: '钱塘春' });
      await link.waitFor();
      await link.click();
      await page.getByTestId('elder-name-title').filter({ hasText: '钱塘春' }).waitFor();
      const idShown = await page.getByTestId('elder-id-value').innerText();
      assert.match(idShown, /^330110\*{8}[\dX]{4}$/, 'the ID number is masked on the elder page');

      // Found by pinyin initials too, and the living situation came through from its Chinese label.
      const token = await tokenFor(server, 'community');
      const found = await apiGet<{ items: { name: string; livingSituation: string[] }[] }>(server, token, '/api/v1/elders?q=qtc');
      assert.deepEqual(found.items.map((e) => e.name), ['钱塘春']);
      assert.deepEqual(found.items[0]!.livingSituation, ['living_alone']);
    } finally {
      await context.close();
    }
  });

  test('editing an elder keeps the numbers the form only shows masked, and replaces a retyped one', async () => {
    const token = await tokenFor(server, 'community');
    const reveal = async (id: string) => {
      const res = await fetch(`${server.baseUrl}/api/v1/elders/${id}/reveal`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fields: ['phone', 'emergencyContacts'], purpose: 'browser test' }),
      });
      assert.equal(res.status, 200);
      return (await res.json()) as { phone: string | null; emergencyContacts: { name: string; relation: string; phone: string }[] };
    };
    const list = await apiGet<{ items: { id: string; phone: string | null; emergencyContacts: unknown[] }[] }>(server, token, '/api/v1/elders?pageSize=50');
    const elder = list.items.find((e) => e.phone && e.emergencyContacts.length > 0);
    assert.ok(elder, 'a demo elder with a phone and a contact');
    const before = await reveal(elder.id);

    const context = await newContext(browser, server);
    const page = await context.newPage();
    try {
      await login(page, 'community');
      await page.goto(`/elders/${elder.id}/edit`);
      await page.getByLabel('地址').fill('解放路 88 号 1 幢 101 室');
      await page.getByTestId('elder-save').click();
      await page.waitForURL(new RegExp(`/elders/${elder.id}$`));
      const kept = await reveal(elder.id);
      assert.equal(kept.phone, before.phone, "the elder's own phone survives an edit that did not touch it");
      assert.deepEqual(kept.emergencyContacts, before.emergencyContacts, 'contacts survive an edit that did not touch them');

      await page.goto(`/elders/${elder.id}/edit`);
      await page.getByTestId('contact-phone-0').fill('13912340000');
      await page.getByTestId('elder-save').click();
      await page.waitForURL(new RegExp(`/elders/${elder.id}$`));
      const replaced = await reveal(elder.id);
      assert.equal(replaced.emergencyContacts[0]!.phone, '13912340000');
      assert.equal(replaced.emergencyContacts[0]!.name, before.emergencyContacts[0]!.name);
      assert.equal(replaced.phone, before.phone);
    } finally {
      await context.close();
    }
  });
});
