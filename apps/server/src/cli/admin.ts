import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Role } from '@yiyang/contracts';
import { AccountsService } from '../modules/accounts/index.js';
import { loadConfig } from '../platform/config.js';
import { lockDataDir } from '../platform/datadir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { pathLabel } from '../platform/scope.js';
import { AppError } from '../platform/errors.js';

const USAGE = `usage:
  npm run admin -- create-user --username NAME --role ROLE [--org ORG_UNIT_ID] [--display-name TEXT]
      Creates an account. The password is read from ADMIN_PASSWORD or asked for.
      With an empty organisation tree, also pass --district NAME to create the district first.
  roles: ${Role.options.join(', ')}`;

const [command, ...rest] = process.argv.slice(2);
if (command !== 'create-user') {
  console.error(USAGE);
  process.exit(2);
}
const { values } = parseArgs({
  args: rest,
  options: { username: { type: 'string' }, role: { type: 'string', default: 'admin' }, org: { type: 'string' }, 'display-name': { type: 'string' }, district: { type: 'string' } },
});
const role = Role.safeParse(values.role);
if (!values.username || !role.success) {
  console.error(USAGE);
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  const answer = await new Promise<string>((resolve) => {
    rl.question('password: ', resolve);
    out._writeToOutput = () => undefined; // do not echo the password
  });
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? 'false', DATA_KEY: process.env.DATA_KEY ?? Buffer.alloc(32).toString('base64'), LOOKUP_HASH_KEY: process.env.LOOKUP_HASH_KEY ?? Buffer.alloc(32).toString('base64') });
const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
const db = await openDatabase(config);
try {
  await migrate(db);
  let orgUnitId = values.org;
  if (!orgUnitId) {
    const root = await db.kysely.selectFrom('org_units').select('id').where('parent_id', 'is', null).executeTakeFirst();
    if (root) orgUnitId = root.id;
    else if (values.district) {
      orgUnitId = randomUUID();
      await db.kysely.insertInto('org_units').values({ id: orgUnitId, parent_id: null, name: values.district, level: 'district', path: pathLabel(orgUnitId) }).execute();
      console.log(`created district ${values.district}`);
    } else throw new Error('the organisation tree is empty: pass --district NAME to create the district');
  }
  const user = await new AccountsService(db.kysely, config.sessionIdleMinutes).createUser(null, {
    username: values.username,
    displayName: values['display-name'] ?? values.username,
    role: role.data,
    orgUnitId,
    password: await askPassword(),
  });
  console.log(`created ${user.role} account ${user.username}`);
} catch (err) {
  console.error(err instanceof AppError ? `refused: ${err.message}` : err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
  unlock();
}
