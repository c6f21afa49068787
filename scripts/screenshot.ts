/**
 * Re-takes the README's console screenshot (docs/screenshot-console.png): the district
 * administrator on 组织架构 with 东坡社区 open. Needs `npm run build` first.
 *
 *   node --import tsx scripts/screenshot.ts                 # starts its own server on a temp DATA_DIR
 *   node --import tsx scripts/screenshot.ts http://localhost:8080   # uses a running demo server
 */
import path from 'node:path';
import { launchBrowser, login, ROOT, startServer, type TestServer } from '../e2e/support.ts';

const given = process.argv[2];
const server: Pick<TestServer, 'baseUrl' | 'stop'> = given ? { baseUrl: given, stop: async () => {} } : await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, 'admin');
  await page.goto('/org');
  const tree = page.getByTestId('org-tree');
  // Open the first street and pick its first community, so the detail pane has something to show.
  await tree.getByText('湖滨街道', { exact: true }).waitFor();
  await tree.locator('.ant-tree-treenode', { hasText: '湖滨街道' }).locator('.ant-tree-switcher').first().click();
  await tree.getByText('东坡社区', { exact: true }).click();
  await page.getByTestId('org-detail').getByText('东坡社区').first().waitFor();
  await tree.locator('.ant-tree-treenode', { hasText: '东坡社区' }).locator('.ant-tree-switcher').first().click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300); // let the tree's open animation finish
  const out = path.join(ROOT, 'docs/screenshot-console.png');
  await page.screenshot({ path: out });
  console.log(`saved ${path.relative(ROOT, out)}`);
} finally {
  await browser.close();
  await server.stop();
}
