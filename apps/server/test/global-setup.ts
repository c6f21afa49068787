import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { buildPGliteTemplate, buildPostgresTemplate, dropPostgresTemplate, pgliteTemplateFile } from './template.js';

/** Builds the migrated, seeded template once per run; each test file clones it. */
export default async function setup() {
  process.env.YIYANG_TEST_RUN ??= randomBytes(4).toString('hex');
  const url = process.env.TEST_DATABASE_URL;
  if (url) await buildPostgresTemplate(url);
  else await buildPGliteTemplate();
  return async () => {
    if (url) await dropPostgresTemplate(url);
    else fs.rmSync(pgliteTemplateFile(), { force: true });
  };
}
