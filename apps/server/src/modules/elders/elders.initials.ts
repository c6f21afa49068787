import { pinyin } from 'pinyin-pro';

// Names repeat a great deal (a district has many 王秀英), and an import converts tens of thousands.
const cache = new Map<string, string>();

/** Pinyin initials of a name ("zxl" for 张秀兰), stored for search by initials. */
export function initialsOf(name: string): string {
  let hit = cache.get(name);
  if (hit === undefined) {
    hit = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
    if (cache.size > 20_000) cache.clear();
    cache.set(name, hit);
  }
  return hit;
}
