import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

/**
 * A demo install without DATA_KEY / LOOKUP_HASH_KEY still encrypts personal data, with keys made
 * on first start and kept beside the data (mode 0600) so a restart can read it back. Production
 * (DEMO=false) refuses to start without configured keys.
 */
export function ensureDemoKeys(config: Config): Config {
  if (!config.keys.generated) return config;
  const file = path.join(config.dataDir, 'demo-keys.json');
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { dataKey: string; lookupHashKey: string };
    return { ...config, keys: { ...config.keys, dataKey: Buffer.from(saved.dataKey, 'base64'), lookupHashKey: Buffer.from(saved.lookupHashKey, 'base64') } };
  }
  fs.writeFileSync(file, JSON.stringify({ dataKey: config.keys.dataKey.toString('base64'), lookupHashKey: config.keys.lookupHashKey.toString('base64') }), { mode: 0o600 });
  return config;
}
