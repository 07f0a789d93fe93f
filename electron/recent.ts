/**
 * 最近打开: the workbooks and folders the user picked in the import dialogs, newest first, kept in a JSON
 * file in userData beside the window state. Main-process only: the page sees the list as menu labels and
 * asks for an entry by its index, so no path ever comes from the page.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MAX_RECENT = 10;

export function readRecent(file: string): string[] {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** `picked` put first (a second pick of the same path moves it up), at most MAX_RECENT kept. */
export function withRecent(list: readonly string[], picked: readonly string[]): string[] {
  const same = (a: string, b: string) => (process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const rest = list.filter((p) => !picked.some((q) => same(p, q)));
  return [...picked, ...rest].slice(0, MAX_RECENT);
}

export function writeRecent(file: string, list: readonly string[]): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(list));
  } catch (err) {
    // A list that cannot be saved costs only the menu entries; the import itself went through.
    console.error(`[recent] not saved: ${err instanceof Error ? err.message : String(err)}`);
  }
}
