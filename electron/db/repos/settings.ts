import os from 'node:os';
import type { Settings } from '../../../shared/contract';
import { stmt, type Db } from '../connection';

function defaultUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '本机用户';
  }
}

export function readSettings(db: Db): Settings {
  const rows = stmt(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return { userName: map.get('userName') ?? defaultUserName(), city: map.get('city') ?? '' };
}

export function writeSettings(db: Db, patch: Partial<Settings>): void {
  const put = stmt(db, 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) put.run(key, value);
  }
}
