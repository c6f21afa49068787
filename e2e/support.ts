/**
 * What every browser test needs: a built server of its own on a fresh data directory and a free
 * port, Debian's Chromium driven by playwright-core, and a way to sign in. Nothing is built
 * here: run `npm run build` first (`npm run test:e2e` does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestServer {
  baseUrl: string;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts `node apps/server/dist/main.js` on a temp DATA_DIR (seeded with the demo district) and waits for /healthz. */
export async function startServer(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<TestServer> {
  const main = path.join(ROOT, 'apps/server/dist/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  // Always embedded PGlite, whatever the calling shell has set.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: {
      ...inherited,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'true',
      DEMO_PASSWORD,
      // A small district keeps each file's first start quick; the journeys need only a few elders.
      DEMO_ELDERS: '300',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (!(await healthy(baseUrl))) {
    if (gone || Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become healthy on ${baseUrl}${gone ? ' (it exited)' : ''}:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, dataDir, output: () => output, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (no cookies, no saved language) pointed at the server. */
export async function newContext(browser: Browser, server: TestServer, opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
  });
}

/** Signs in through the login page and waits until the app has left it. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A bearer token for asking the API directly what a user may see, to compare with the screen. */
export async function tokenFor(server: TestServer, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function apiGet<T>(server: TestServer, token: string, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${server.baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${pathAndQuery}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * One server and one browser for a test file, started before its tests and stopped after:
 * `withServerAndBrowser((s, b) => ((server = s), (browser = b)))`.
 */
export function withServerAndBrowser(use: (server: TestServer, browser: Browser) => void, opts: Parameters<typeof startServer>[0] = {}) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
    use(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** Runs `fn` in a page of a fresh browser context (its own cookies), closed afterwards. */
export async function inNewPage(browser: Browser, server: TestServer, fn: (page: Page) => Promise<void>) {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  try {
    await fn(page);
  } finally {
    await context.close();
  }
}

/** What the demo call button does (docs/devices.md): sign `timestamp.body` with its secret and POST an SOS. */
export async function pressDemoButton(server: TestServer): Promise<string> {
  const ts = String(Math.floor(Date.now() / 1000));
  const body = JSON.stringify({ deviceId: 'demo-button-1', eventId: `e2e-${Date.now()}`, type: 'sos', occurredAt: new Date().toISOString(), payload: {} });
  const signature = createHmac('sha256', DEMO_PASSWORD).update(`${ts}.${body}`).digest('hex');
  const res = await fetch(`${server.baseUrl}/api/v1/device-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-yiyang-timestamp': ts, 'x-yiyang-signature': signature },
    body,
  });
  if (res.status !== 200) throw new Error(`device event refused: ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as { results: { alarmId: string }[] };
  return answer.results[0]!.alarmId;
}
