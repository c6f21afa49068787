import { sql } from 'kysely';
import type { DemoSeedContext } from '../../seed/context.js';
import { encryptField } from '../../platform/crypto.js';
import { generateDeviceSecret } from './devices.service.js';

const KINDS = ['call_button', 'fall_detector', 'smoke_detector', 'gas_detector', 'door_sensor', 'gps_wearable'] as const;

/**
 * Demo devices: `demo-button-1`, the call button of the family account's elder, whose secret is
 * the demo password so the README's one-line curl works; and a spread of devices for elders of the
 * first community (secrets random: nobody needs them). Demo devices report daily, so an idle demo
 * does not fill the queue with missed heartbeats.
 */
export async function seedDemoDevices(ctx: DemoSeedContext) {
  const family = ctx.accounts.get('family');
  const link = family ? await ctx.db.selectFrom('user_elders').select('elder_id').where('user_id', '=', family.userId).executeTakeFirst() : undefined;
  const familyElder = link ? await ctx.db.selectFrom('elders').select(['id', 'org_unit_id']).where('id', '=', link.elder_id).executeTakeFirst() : undefined;
  const community = ctx.units.find((u) => u.level === 'community');
  const others = community
    ? await ctx.db
        .selectFrom('elders as e')
        .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
        .select(['e.id', 'e.org_unit_id'])
        .where(sql<boolean>`o.path <@ ${community.path}::ltree`)
        .orderBy('e.id')
        .limit(60)
        .execute()
    : [];
  const rows = others.map((e, i) => ({
    device_id: `YY-${KINDS[i % KINDS.length]!.toUpperCase().replace('_', '')}-${String(i + 1).padStart(4, '0')}`,
    kind: KINDS[i % KINDS.length]!,
    bound_to: 'elder' as const,
    elder_id: e.id,
    household_address: null,
    org_unit_id: e.org_unit_id,
    secret_enc: encryptField(ctx.keys, generateDeviceSecret()),
    heartbeat_interval_seconds: 86_400,
    last_heartbeat_at: new Date(),
    battery_percent: 40 + ((i * 37) % 60),
  }));
  if (familyElder) {
    rows.unshift({
      device_id: 'demo-button-1',
      kind: 'call_button',
      bound_to: 'elder',
      elder_id: familyElder.id,
      household_address: null,
      org_unit_id: familyElder.org_unit_id,
      secret_enc: encryptField(ctx.keys, ctx.demoPassword),
      heartbeat_interval_seconds: 86_400,
      last_heartbeat_at: new Date(),
      battery_percent: 92,
    });
  }
  if (rows.length) await ctx.db.insertInto('devices').values(rows).execute();
}
