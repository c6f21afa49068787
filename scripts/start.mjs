// `npm start`: build what is missing or stale, then run the server (which migrates and, on the
// first run, seeds the demo district).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function stale(output, ...sources) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

function run(args) {
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (stale(path.join(root, 'apps/web/dist/index.html'), 'apps/web', 'packages/contracts')) {
  console.log('building the console…');
  run(['run', 'build', '-w', '@yiyang/web']);
}
if (stale(path.join(root, 'apps/server/dist/main.js'), 'apps/server/src', 'packages/contracts')) {
  run(['run', 'build', '-w', '@yiyang/server']);
}
const r = spawnSync(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 0);
