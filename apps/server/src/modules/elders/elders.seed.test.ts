import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rng } from '../../seed/rng.js';
import { makeSeedElder } from './elders.seed.js';
import { makeSeedRecords } from './elders.seed-records.js';

const keys = { dataKey: randomBytes(32), dataKeyVersion: 1, lookupHashKey: randomBytes(32) };
const compound = { id: '00000000-0000-4000-8000-000000000001', parentId: null, name: '锦绣小区', level: 'compound' as const, path: 'x', code: 'C1', lat: 30.25, lng: 120.15 };

describe('demo elders', () => {
  it('carry the level their latest assessment gives, dementia included (the standard raises it by one)', () => {
    const r = rng(42);
    const elders = Array.from({ length: 3000 }, (_, i) => ({ ...makeSeedElder(r, keys, compound, i + 1), id: `e${i}` }));
    const { assessments } = makeSeedRecords(r, elders, { assessment: 1, healthItems: 0, measurements: 0 });
    const byId = new Map(elders.map((e) => [e.id, e]));
    const withDementia = assessments.filter((a) => (a.diagnoses as string[]).includes('F03'));
    expect(withDementia.length).toBeGreaterThan(50);
    for (const a of assessments) expect({ elder: a.elder_id, level: a.level }).toEqual({ elder: a.elder_id, level: byId.get(a.elder_id as string)!.care_level });
    // A diagnosed dementia can never leave an elder "intact".
    expect(elders.filter((e) => e.living_situation.includes('dementia') && e.care_level === 0)).toEqual([]);
  });
});
