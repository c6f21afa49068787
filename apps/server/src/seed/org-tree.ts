import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrgLevel } from '@yiyang/contracts';
import type { Database } from '../platform/db/schema.js';
import { pathLabel } from '../platform/scope.js';
import { CHINESE_NUMERALS, COMMUNITY_STEMS, COMPOUND_STEMS, COMPOUND_SUFFIXES, DISTRICT, STREETS } from './names.js';
import type { Rng } from './rng.js';

export interface SeededUnit {
  id: string;
  parentId: string | null;
  name: string;
  level: OrgLevel;
  path: string;
  code: string;
  lat: number;
  lng: number;
}

/** Streets get 10–11 communities each (64 in all), communities 3–5 grids, grids 2–4 compounds. */
const COMMUNITIES_PER_STREET = [11, 11, 11, 11, 10, 10];

export function planOrgTree(r: Rng): SeededUnit[] {
  const units: SeededUnit[] = [];
  const add = (parent: SeededUnit | null, name: string, level: OrgLevel, code: string, lat: number, lng: number) => {
    const id = randomUUID();
    const u: SeededUnit = { id, parentId: parent?.id ?? null, name, level, path: parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id), code, lat, lng };
    units.push(u);
    return u;
  };
  const jitter = (v: number, spread: number) => Number((v + (r.next() - 0.5) * spread).toFixed(6));
  const district = add(null, DISTRICT.name, 'district', DISTRICT.code, DISTRICT.lat, DISTRICT.lng);
  let stem = 0;
  STREETS.forEach((streetName, si) => {
    // Streets sit on a 3×2 grid of ~3 km cells around the district centre.
    const sLat = DISTRICT.lat + ((si % 3) - 1) * 0.03;
    const sLng = DISTRICT.lng + (Math.floor(si / 3) - 0.5) * 0.035;
    const street = add(district, streetName, 'street', `${DISTRICT.code}${String(si + 1).padStart(3, '0')}`, sLat, sLng);
    for (let ci = 0; ci < (COMMUNITIES_PER_STREET[si] ?? 10); ci++) {
      const community = add(street, `${COMMUNITY_STEMS[stem++ % COMMUNITY_STEMS.length]}社区`, 'community', `${street.code}${String(ci + 1).padStart(3, '0')}`, jitter(sLat, 0.025), jitter(sLng, 0.03));
      const grids = r.int(3, 5);
      for (let gi = 0; gi < grids; gi++) {
        const grid = add(community, `第${CHINESE_NUMERALS[gi]}网格`, 'grid', `${community.code}${String(gi + 1).padStart(2, '0')}`, jitter(community.lat, 0.006), jitter(community.lng, 0.007));
        const compounds = r.int(2, 4);
        const used = new Set<string>();
        for (let ki = 0; ki < compounds; ki++) {
          let name = '';
          do name = `${r.pick(COMPOUND_STEMS)}${r.pick(COMPOUND_SUFFIXES)}`;
          while (used.has(name));
          used.add(name);
          add(grid, name, 'compound', `${grid.code}${String(ki + 1).padStart(2, '0')}`, jitter(grid.lat, 0.003), jitter(grid.lng, 0.0035));
        }
      }
    }
  });
  return units;
}

export async function insertOrgTree(db: Kysely<Database>, units: SeededUnit[]) {
  for (let i = 0; i < units.length; i += 500) {
    await db
      .insertInto('org_units')
      .values(units.slice(i, i + 500).map((u) => ({ id: u.id, parent_id: u.parentId, name: u.name, level: u.level, path: u.path, code: u.code, lat: u.lat, lng: u.lng })))
      .execute();
  }
}
