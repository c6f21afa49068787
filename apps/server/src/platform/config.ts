import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once at start so a typo is a clear
 * start-up error rather than a surprise at 3 a.m. The README's configuration table mirrors this.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  DEMO_PASSWORD: z.string().min(1).optional(),
  DEMO_ELDERS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  /** 32-byte keys, base64; the data key encrypts sensitive fields, the hash key makes lookup hashes. */
  DATA_KEY: z.string().optional(),
  DATA_KEY_VERSION: z.coerce.number().int().min(1).default(1),
  LOOKUP_HASH_KEY: z.string().optional(),
  /** Earlier data keys still needed to read older values after a rotation: `1:<base64>,2:<base64>`. */
  DATA_KEYS_PREVIOUS: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** MQTT broker for device events (mqtt://host:1883); the connector is off when unset. */
  MQTT_URL: z.string().url().optional(),
  /** Stable per instance, so a restarted server resumes its broker session (and unacknowledged messages). */
  MQTT_CLIENT_ID: z.string().min(1).max(64).optional(),
  /** Servers of one installation share device messages through this shared-subscription group. */
  MQTT_GROUP: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default('yiyang'),
  /** Alarm notifications are also POSTed here as JSON when set. */
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string | undefined;
  demoElders: number;
  keys: { dataKey: Buffer; dataKeyVersion: number; lookupHashKey: Buffer; previousDataKeys: Map<number, Buffer>; generated: boolean };
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  webDist: string | undefined;
  mqttUrl: string | undefined;
  mqttClientId: string | undefined;
  mqttGroup: string;
  notifyWebhookUrl: string | undefined;
};

function key(name: string, raw: string | undefined): Buffer | undefined {
  if (!raw) return undefined;
  const buf = Buffer.from(raw, 'base64');
  if (buf.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (got ${buf.length} bytes)`);
  return buf;
}

function previousKeys(raw: string | undefined): Map<number, Buffer> {
  const map = new Map<number, Buffer>();
  for (const part of (raw ?? '').split(',').filter(Boolean)) {
    const [version, value] = part.split(':');
    const k = key(`DATA_KEYS_PREVIOUS (version ${version})`, value);
    if (!k || !Number.isInteger(Number(version))) throw new Error('DATA_KEYS_PREVIOUS must look like 1:<base64>,2:<base64>');
    map.set(Number(version), k);
  }
  return map;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataKey = key('DATA_KEY', e.DATA_KEY);
  const lookupHashKey = key('LOOKUP_HASH_KEY', e.LOOKUP_HASH_KEY);
  if (!e.DEMO && (!dataKey || !lookupHashKey)) {
    throw new Error('DATA_KEY and LOOKUP_HASH_KEY are required when DEMO=false (generate with: openssl rand -base64 32)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed the command,
    // so `npm start` and `npm run seed` agree on what ./data means.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    demo: e.DEMO,
    demoPassword: e.DEMO_PASSWORD,
    demoElders: e.DEMO_ELDERS,
    keys: {
      // Demo installs without keys get per-data-dir keys (see ensureDemoKeys); never in production.
      dataKey: dataKey ?? randomBytes(32),
      dataKeyVersion: e.DATA_KEY_VERSION,
      lookupHashKey: lookupHashKey ?? randomBytes(32),
      previousDataKeys: previousKeys(e.DATA_KEYS_PREVIOUS),
      generated: !dataKey || !lookupHashKey,
    },
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    mqttUrl: e.MQTT_URL,
    mqttClientId: e.MQTT_CLIENT_ID,
    mqttGroup: e.MQTT_GROUP,
    notifyWebhookUrl: e.NOTIFY_WEBHOOK_URL,
  };
}
