import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { inNewPage, login, type TestServer, withServerAndBrowser } from './support.ts';

let server: TestServer;
let browser: Browser;

withServerAndBrowser((s, b) => ((server = s), (browser = b)));

const withPage = (fn: (page: Page) => Promise<void>) => inNewPage(browser, server, fn);

async function openTreeNode(page: Page, name: string) {
  const node = page.getByTestId('org-tree').locator('.ant-tree-treenode', { hasText: name }).first();
  await node.waitFor();
  const switcher = node.locator('.ant-tree-switcher_close');
  if (await switcher.count()) await switcher.click();
}

describe('foundation pages', () => {
  test('an administrator creates, renames and moves a unit, and sees why a change is refused', async () => {
    await withPage(async (page) => {
      await login(page, 'admin');
      await page.getByTestId('main-menu').getByText('组织架构').click();
      await openTreeNode(page, '湖滨街道');
      await page.getByTestId('org-tree').getByText('东坡社区', { exact: true }).click();
      const detail = page.getByTestId('org-detail');
      await detail.getByRole('button', { name: '新建网格' }).click();

      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称').fill('第九网格');
      await dialog.getByRole('button', { name: '创 建' }).click();
      await detail.locator('.ant-card-head-title', { hasText: '第九网格' }).waitFor();
      assert.match(await detail.innerText(), /东坡社区/); // its parent

      // Two grids of one community cannot share a name: the server's reason is shown, nothing changes.
      await detail.getByRole('button', { name: '重命名' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('新名称').fill('第一网格');
      await dialog.getByRole('button', { name: '保 存' }).click();
      const refusal = dialog.getByTestId('dialog-error');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /第一网格/);
      await dialog.getByLabel('新名称').fill('第十网格');
      await dialog.getByRole('button', { name: '保 存' }).click();
      await detail.locator('.ant-card-head-title', { hasText: '第十网格' }).waitFor();

      await detail.getByRole('button', { name: '移 动' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox').fill('青年社区');
      await page.locator('.ant-select-item-option', { hasText: '青年社区' }).first().click();
      await dialog.getByRole('button', { name: '移 动' }).click();
      await dialog.waitFor({ state: 'detached' });
      await detail.getByText('青年社区').waitFor();
    });
  });

  test('the user form applies the password policy before asking the server', async () => {
    await withPage(async (page) => {
      await login(page, 'admin');
      await page.goto('/users');
      await page.getByTestId('create-user').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill('wanggrid');
      await dialog.getByLabel('姓名').fill('王网格');
      await dialog.getByLabel('角色').click();
      await page.locator('.ant-select-item-option', { hasText: '网格员' }).click();
      // The tree drop-down renders as it filters; retry the pick until the field shows it.
      for (let attempt = 0; ; attempt++) {
        await dialog.getByLabel('所属单位').fill('第二网格');
        await page.locator('.ant-select-tree-treenode:not(.ant-select-tree-treenode-disabled)', { hasText: '第二网格' }).first().click();
        const picked = dialog.locator('.ant-select-content, .ant-select-selection-item', { hasText: '第二网格' }).first();
        if (await picked.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
        if (attempt === 2) throw new Error('could not pick 第二网格 in the unit field');
      }
      await dialog.getByLabel('初始密码').fill('short');
      await dialog.getByLabel('确认密码').fill('short');
      await dialog.getByRole('button', { name: '创 建' }).click();
      await dialog.getByText('至少 10 个字符').waitFor();

      await dialog.getByLabel('初始密码').fill('Wang-grid-2026');
      await dialog.getByLabel('确认密码').fill('Wang-grid-2026');
      // Submit only once the form has re-validated, or the click can land while the old error shows.
      await dialog.getByText('至少 10 个字符').waitFor({ state: 'detached' });
      await dialog.getByRole('button', { name: '创 建' }).click();
      await dialog.waitFor({ state: 'detached' }).catch(async (err: Error) => {
        throw new Error(`the dialog stayed open showing: ${await dialog.innerText().catch(() => '?')}\n${err.message}`);
      });
      await page.getByRole('cell', { name: 'wanggrid' }).waitFor();
    });
  });

  test('the audit log finds what the administrator did', async () => {
    await withPage(async (page) => {
      await login(page, 'admin');
      await page.goto('/audit');
      await page.getByLabel('操作人').fill('admin');
      await page.getByLabel('操作', { exact: true }).fill('org_unit.');
      await page.keyboard.press('Escape'); // close the suggestions
      await page.getByTestId('audit-search').click();
      const table = page.getByTestId('audit-table');
      await table.getByText('org_unit.create').first().waitFor();
      const actions = await table.locator('tbody code').allInnerTexts();
      assert.ok(actions.length > 0);
      assert.ok(actions.every((a) => a.startsWith('org_unit.')), actions.join(', '));
    });
  });

  test('the header picker narrows the home page to the picked unit', async () => {
    await withPage(async (page) => {
      await login(page, 'community');
      await page.getByTestId('count-grid').waitFor();
      assert.match(await page.getByTestId('count-grid').innerText(), /\b4\b/);
      await page.getByTestId('org-picker').click();
      await page.locator('.org-picker-popup .ant-select-tree-title', { hasText: '第一网格' }).click();
      await page.getByText('第一网格 辖区内的单位').waitFor();
      assert.match(await page.getByTestId('count-grid').innerText(), /\b1\b/);
    });
  });

  test('the users and audit pages follow the header picker', async () => {
    await withPage(async (page) => {
      await login(page, 'street');
      await page.goto('/users');
      const table = page.getByTestId('users-table');
      await table.getByText('湖滨街道管理员').waitFor();
      await page.getByTestId('org-picker').click();
      await page.locator('.org-picker-popup .ant-select-tree-title', { hasText: /^东坡社区$/ }).click();
      await table.getByText('东坡社区工作人员').waitFor();
      await table.getByText('湖滨街道管理员').waitFor({ state: 'detached' });
      await page.getByTestId('main-menu').getByText('审计日志').click();
      await page.getByTestId('audit-area-note').filter({ hasText: '东坡社区' }).waitFor();
    });
  });
});
