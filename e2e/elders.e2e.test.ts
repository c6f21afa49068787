import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { elderWorkbook, sampleRow } from '../apps/server/test/support/elders-xlsx.ts';
import { apiGet, inNewPage, login, newContext, type TestServer, tokenFor, withServerAndBrowser } from './support.ts';

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

  test('the registration form refuses what the server refuses, saying why in the reader’s words', async () => {
    await inNewPage(browser, server, async (page) => {
      await login(page, 'community');
      const failed: string[] = [];
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`));
      const posted: string[] = [];
      page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/elders') && posted.push(r.url()));
      await page.goto('/elders/new');
      const idItem = page.locator('.ant-form-item', { has: page.getByTestId('elder-id-number') });
      const idError = idItem.locator('.ant-form-item-explain-error');

      await page.getByTestId('elder-name').fill('表单测试');
      // 330102 1945-03-12 123 has check character 8, not 1.
      await page.getByTestId('elder-id-number').fill('330102194503121231');
      await idError.filter({ hasText: '校验码不符' }).waitFor();
      // 1945 is not a leap year: 29 February did not exist.
      await page.getByTestId('elder-id-number').fill('330102194502290128');
      await idError.filter({ hasText: '出生日期不是真实存在的日期' }).waitFor();
      // 1944 was: the number is valid and birth date and sex are read from it.
      await page.getByTestId('elder-id-number').fill('330102194402290120');
      assert.equal(await page.getByTestId('elder-id-derived').innerText(), '由身份证号读取：1944-02-29，女');

      // A blank contact row names what is missing in words, not by its field path ("0,name").
      await page.getByTestId('contact-name-0').fill('   ');
      await page.getByTestId('elder-save').click();
      const contactRow = page.locator('.ant-form-item', { has: page.getByTestId('contact-name-0') });
      await contactRow.locator('.ant-form-item-explain-error').filter({ hasText: '必填' }).waitFor();
      // No contact at all is refused as the server refuses it.
      await page.getByTestId('contact-remove-0').click();
      await page.getByTestId('elder-save').click();
      await page.getByText('至少需要一位紧急联系人').waitFor();
      // The server takes at most five contacts; the form offers no sixth row.
      for (let i = 0; i < 5; i++) await page.getByTestId('contact-add').click();
      assert.equal(await page.getByTestId('contact-add').count(), 0);
      assert.deepEqual(posted, [], 'nothing was sent while the form was invalid');
      const body = await page.locator('main#main').innerText();
      assert.doesNotMatch(body, /must be|check character|at least one|required|\d,name/, 'no English or raw messages in the Chinese console');
      assert.deepEqual(failed, [], 'opening the empty form asks the server for nothing it refuses');
    });
  });

  test('in English the registry shows its codes as words, not as Chinese labels or raw codes', async () => {
    const elderId = (await apiGet<{ elderIds: string[] }>(server, await tokenFor(server, 'family'), '/api/v1/auth/me')).elderIds[0]!;
    await inNewPage(browser, server, async (page) => {
      await login(page, 'community');
      await page.getByTestId('language-switch').click();
      await page.goto(`/elders/${elderId}`);
      await page.getByTestId('elder-name-title').filter({ hasText: '张秀兰' }).waitFor();
      // 张秀兰: a woman of 84 living alone, level 2, so semi-care; active; aged 80 and over.
      assert.equal(await page.getByTestId('elder-sex').innerText(), 'Female');
      assert.equal(await page.getByTestId('elder-status').innerText(), 'Active');
      assert.equal(await page.getByTestId('elder-living').innerText(), 'Living alone');
      assert.equal(await page.getByTestId('elder-categories').innerText(), 'Aged 80 and over');
      assert.equal(await page.getByTestId('elder-care-tier').innerText(), 'Semi-care');

      await page.getByRole('tab', { name: 'Assessment' }).click();
      await page.getByRole('button', { name: 'New assessment' }).click();
      await page.getByRole('dialog').getByText('Eating (0–4)').waitFor();

      await page.goto('/elders');
      await page.getByTestId('elder-filter-living').click();
      // The drop-down renders after the click: read its options once they are there.
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await option.first().waitFor();
      const options = await option.allInnerTexts();
      assert.deepEqual(options, ['Living alone', 'Empty nest', 'Childless, alone', 'Lost only child', 'Dementia', 'Disabled']);
      await page.keyboard.press('Escape');
      const header = await page.getByTestId('elder-table').locator('tbody').innerText();
      assert.doesNotMatch(header, /在册|独居|空巢|living_alone|empty_nest/);
    });
  });

  test('an override shows the level the total gave and why it moved; the audit log names a reveal in words', async () => {
    const token = await tokenFor(server, 'community');
    const list = await apiGet<{ items: { id: string; name: string }[] }>(server, token, '/api/v1/elders?pageSize=1&careLevel=0');
    const elder = list.items[0]!;
    await inNewPage(browser, server, async (page) => {
      await login(page, 'community');
      await page.goto(`/elders/${elder.id}`);
      await page.getByRole('tab', { name: '能力评估' }).click();
      await page.getByRole('button', { name: '新建评估' }).click();
      const dialog = page.getByRole('dialog');
      // Every item at its best (90) but a dementia diagnosis: the standard raises level 0 to 1.
      await dialog.locator('#diagnoses').fill('F03');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      assert.equal(await page.getByTestId('assessment-result').innerText(), '评估结果：总分 90，1 轻度失能');
      assert.equal(await page.getByTestId('assessment-preliminary').innerText(), '按总分的初步等级：0 能力完好');
      assert.equal(await page.getByTestId('assessment-reasons').innerText(), '痴呆（F00–F03）');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();

      await page.getByRole('tab', { name: '基本信息' }).click();
      await page.getByTestId('elder-reveal').click();
      await page.getByTestId('elder-id-value').filter({ hasText: /^\d{17}[\dX]$/ }).waitFor();
    });
    await inNewPage(browser, server, async (page) => {
      await login(page, 'admin');
      await page.goto('/audit');
      await page.locator('#action').fill('elder.reveal');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.locator('tbody tr', { hasText: '查看完整号码' }).filter({ hasText: 'elder.reveal' }).first().waitFor();
    });
  });

  test('ending a health entry asks first; a new sort order or a new area starts at page one', async () => {
    const token = await tokenFor(server, 'admin');
    const elder = (await apiGet<{ items: { id: string }[] }>(server, token, '/api/v1/elders?pageSize=1')).items[0]!;
    const res = await fetch(`${server.baseUrl}/api/v1/elders/${elder.id}/health-items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'allergy', name: '头孢类药物', reaction: '皮疹' }),
    });
    assert.equal(res.status, 201);
    const item = (await res.json()) as { id: string };
    const active = async () => (await apiGet<{ items: { id: string }[] }>(server, token, `/api/v1/elders/${elder.id}/health-items`)).items.some((i) => i.id === item.id);

    await inNewPage(browser, server, async (page) => {
      await login(page, 'admin');
      await page.goto(`/elders/${elder.id}`);
      await page.getByRole('tab', { name: '健康档案' }).click();
      const end = page.getByTestId(`health-item-end-${item.id}`);
      await end.click();
      const confirm = page.locator('.ant-popconfirm', { hasText: '结束“头孢类药物”？' });
      await confirm.getByRole('button', { name: /取\s*消/ }).click();
      await confirm.waitFor({ state: 'hidden' });
      assert.equal(await active(), true, 'a click alone does not end the entry');
      await end.click();
      await confirm.waitFor();
      await confirm.getByRole('button', { name: /确\s*定/ }).click();
      await end.waitFor({ state: 'detached' });
      assert.equal(await active(), false);

      await page.goto('/elders');
      const table = page.getByTestId('elder-table');
      await table.locator('tbody tr').first().waitFor();
      await page.locator('.ant-pagination-item-3').click();
      await page.locator('.ant-pagination-item-active', { hasText: '3' }).waitFor();
      await table.locator('th', { hasText: '年龄' }).click();
      await page.locator('.ant-pagination-item-active', { hasText: /^1$/ }).waitFor();
      const youngest = (await apiGet<{ items: { name: string }[] }>(server, token, '/api/v1/elders?sort=age&status=active&pageSize=1')).items[0]!;
      await table.locator('tbody tr').first().filter({ hasText: youngest.name }).waitFor();

      // Turned to page 3 of the district, then narrowed to one community in the header: its elders show.
      await page.locator('.ant-pagination-item-3').click();
      await page.locator('.ant-pagination-item-active', { hasText: '3' }).waitFor();
      await page.getByTestId('org-picker').click();
      await page.keyboard.type('东坡社区');
      await page.locator('.org-picker-popup .ant-select-tree-title', { hasText: /^东坡社区$/ }).click();
      const units = await apiGet<{ items: { id: string; name: string; level: string }[] }>(server, token, '/api/v1/org-units');
      const dongpo = units.items.find((u) => u.name === '东坡社区' && u.level === 'community')!;
      const community = await apiGet<{ items: { name: string }[]; total: number }>(server, token, `/api/v1/elders?sort=age&status=active&pageSize=1&orgUnitId=${dongpo.id}`);
      assert.ok(community.total > 0 && community.total <= 40, `a community smaller than three pages (${community.total})`);
      await table.locator('tbody tr').first().filter({ hasText: community.items[0]!.name }).waitFor();
      await page.locator('.ant-pagination-item-active', { hasText: /^1$/ }).waitFor();
    });
  });

  test('going back from an elder finds the list as it was left: search, filter and page', async () => {
    const token = await tokenFor(server, 'admin');
    // The commonest surname among the district's elders: enough of them for a second page of ten.
    const everyone = await apiGet<{ items: { name: string }[] }>(server, token, '/api/v1/elders?pageSize=200&status=active,moved_out');
    const tally = new Map<string, number>();
    for (const e of everyone.items) tally.set(e.name[0]!, (tally.get(e.name[0]!) ?? 0) + 1);
    const surname = [...tally].sort((a, b) => b[1] - a[1])[0]![0];
    const expected = await apiGet<{ items: { name: string }[] }>(server, token, `/api/v1/elders?q=${encodeURIComponent(surname)}&status=active,moved_out&page=2&pageSize=10`);
    assert.ok(expected.items.length > 0, `a second page of ${surname}`);
    await inNewPage(browser, server, async (page) => {
      await login(page, 'admin');
      await page.goto('/elders');
      const search = page.getByTestId('elder-search').locator('input');
      await search.fill(surname);
      await search.press('Enter');
      await page.getByTestId('elder-filter-status').click();
      await page.locator('.ant-select-item-option', { hasText: /^迁出$/ }).click();
      await page.keyboard.press('Escape');
      await page.locator('.ant-pagination-options .ant-select').click();
      await page.locator('.ant-select-item-option', { hasText: '10 条/页' }).click();
      await page.locator('.ant-pagination-item-2').click();
      const table = page.getByTestId('elder-table');
      const first = table.locator('tbody tr').first();
      await first.filter({ hasText: expected.items[0]!.name }).waitFor();

      await first.getByRole('link').first().click();
      await page.waitForURL(/\/elders\/[0-9a-f-]{36}$/);
      await page.goBack();
      await first.filter({ hasText: expected.items[0]!.name }).waitFor();
      assert.equal(await search.inputValue(), surname);
      await page.locator('.ant-pagination-item-active', { hasText: /^2$/ }).waitFor();
      assert.match(await page.getByTestId('elder-filter-status').innerText(), /迁出/);
    });
  });
});
