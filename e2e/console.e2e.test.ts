import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiGet, DEMO_PASSWORD, inNewPage, login, type TestServer, tokenFor, withServerAndBrowser } from './support.ts';

let server: TestServer;
let browser: Browser;

withServerAndBrowser((s, b) => ((server = s), (browser = b)));

const withPage = (fn: (page: Page) => Promise<void>) => inNewPage(browser, server, fn);

/** Opens the header's org picker and expands every branch, returning the names it offers. */
async function pickerNames(page: Page): Promise<string[]> {
  await page.getByTestId('org-picker').click();
  // antd keeps one hidden node for measuring; only the shown ones count.
  const nodes = page.locator('.org-picker-popup .ant-select-tree-treenode:not([aria-hidden="true"])');
  await nodes.first().waitFor();
  for (;;) {
    const closed = nodes.locator('.ant-select-tree-switcher_close');
    if ((await closed.count()) === 0) break;
    await closed.first().click();
  }
  return nodes.locator('.ant-select-tree-title').allInnerTexts();
}

describe('console', () => {
  test('a community worker sees only their own community in the org picker', async () => {
    await withPage(async (page) => {
      await login(page, 'community');
      assert.equal(new URL(page.url()).pathname, '/');
      const names = await pickerNames(page);

      assert.ok(names.includes('东坡社区'), `picker offers: ${names.join(', ')}`);
      assert.ok(names.includes('第一网格'));
      assert.ok(!names.includes('青年社区'), 'another community of the same street is not offered');
      assert.ok(!names.includes('湖滨街道'), 'the street above is not offered');
      assert.ok(!names.includes('颐和区'), 'the district is not offered');

      // Exactly the community's own subtree: every unit the server gives this user, nothing else.
      const token = await tokenFor(server, 'community');
      const own = await apiGet<{ items: { name: string; level: string }[] }>(server, token, '/api/v1/org-units');
      assert.deepEqual([...names].sort(), own.items.map((u) => u.name).sort());
      assert.ok(own.items.some((u) => u.level === 'compound'), 'compounds are part of what is offered');
      assert.equal(own.items.filter((u) => u.level === 'community').length, 1);
    });
  });

  test('a wrong password shows the error and stays on the login page', async () => {
    await withPage(async (page) => {
      await page.goto('/login');
      await page.locator('#login-username').fill('grid');
      await page.locator('#login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await error.waitFor();
      assert.match(await error.innerText(), /用户名或密码错误/);
      assert.equal(new URL(page.url()).pathname, '/login');
    });
  });

  test('the English switch changes the menu language and is remembered', async () => {
    await withPage(async (page) => {
      await login(page, 'admin');
      const menu = page.getByTestId('main-menu');
      await menu.getByText('组织架构').waitFor();
      await page.getByTestId('language-switch').click();
      await menu.getByText('Organisation').waitFor();
      assert.equal(await menu.getByText('组织架构').count(), 0);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.reload();
      await page.getByTestId('main-menu').getByText('Audit log').waitFor();
    });
  });

  test('the menu follows the role: a grid worker has no users or audit pages', async () => {
    await withPage(async (page) => {
      await login(page, 'grid');
      const menu = page.getByTestId('main-menu');
      await menu.getByText('组织架构').waitFor();
      assert.equal(await menu.getByText('用户').count(), 0);
      assert.equal(await menu.getByText('审计日志').count(), 0);
    });
  });

  test('caregivers land on the mobile pages', async () => {
    await withPage(async (page) => {
      await login(page, 'caregiver');
      assert.equal(new URL(page.url()).pathname, '/m');
      await page.getByTestId('mobile-logout').waitFor();
    });
  });

  test('logout returns to the login page and the session is gone', async () => {
    await withPage(async (page) => {
      await login(page, 'street');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.goto('/org');
      await page.waitForURL((url) => url.pathname === '/login');
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      assert.equal(me, 401);
    });
  });

  test('the keyboard alone signs in and reaches a page, with the focus always visible', async () => {
    await withPage(async (page) => {
      await page.goto('/login');
      await page.locator('#login-username').waitFor();
      await page.keyboard.type('admin'); // the username field has the focus on arrival
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('main-menu').waitFor();

      await page.keyboard.press('Tab');
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return { text: el?.innerText.trim() ?? '', outline: el ? getComputedStyle(el).outlineStyle : 'none' };
        });
      assert.equal((await focused()).text, '跳到主要内容');
      let reached = false;
      for (let i = 0; i < 10 && !reached; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        assert.notEqual(f.outline, 'none', `focus ring on "${f.text}"`);
        reached = f.text === '组织架构';
      }
      assert.ok(reached, 'the 组织架构 menu entry is reachable with Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/org');
    });
  });
});
