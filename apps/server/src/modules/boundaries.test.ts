import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule from docs/architecture.md, enforced: a module uses another module only
 * through that module's index.ts, and the platform never imports a module.
 */
const src = path.resolve(import.meta.dirname, '..');
const modulesDir = path.join(src, 'modules');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => path.resolve(path.dirname(file), m[1]!));
}

describe('module boundaries', () => {
  it('modules reach other modules only through their index.ts', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(modulesDir)) {
      const own = path.relative(modulesDir, file).split(path.sep)[0];
      for (const target of imports(file)) {
        const rel = path.relative(modulesDir, target);
        if (rel.startsWith('..')) continue; // platform, seed, contracts
        const [other, ...rest] = rel.split(path.sep);
        if (other === own || rest.length === 0) continue;
        // Declaration-only table augmentations are types, allowed from the seed and registry.
        if (rest.join('/') !== 'index.js' && !rest.join('/').endsWith('.tables.js')) {
          offences.push(`${path.relative(src, file)} → ${rel}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('the platform does not depend on any domain module', () => {
    const offences = sourceFiles(path.join(src, 'platform')).flatMap((file) =>
      imports(file)
        .filter((t) => t.startsWith(modulesDir))
        .map((t) => `${path.relative(src, file)} → ${path.relative(src, t)}`),
    );
    expect(offences).toEqual([]);
  });
});
