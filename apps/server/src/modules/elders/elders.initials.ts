import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a name ("zxl" for 张秀兰), stored for search by initials. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}
