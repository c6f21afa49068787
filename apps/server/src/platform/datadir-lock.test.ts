import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './datadir-lock.js';

describe('data directory lock', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-lock-'));

  it('refuses a second holder while the first is alive, with a clear message', () => {
    const d = dir();
    // Our parent process is alive and is not us.
    fs.writeFileSync(path.join(d, 'yiyang.pid'), String(process.ppid));
    expect(() => lockDataDir(d)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(d)).toThrow(/already in use by process/);
  });

  it('takes over the lock of a process that has died', () => {
    const d = dir();
    const dead = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(d, 'yiyang.pid'), dead.stdout.trim());
    const release = lockDataDir(d);
    expect(fs.readFileSync(path.join(d, 'yiyang.pid'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(d, 'yiyang.pid'))).toBe(false);
  });
});
