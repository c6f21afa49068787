import fs from 'node:fs';
import path from 'node:path';

function readVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const p = path.resolve(import.meta.dirname, rel);
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@yiyang/server' && pkg.version) return pkg.version;
    } catch {
      /* try the next */
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
