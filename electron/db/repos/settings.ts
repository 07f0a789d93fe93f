import { settingsSchema, type Settings } from '../../../shared/contract';
import { DEFAULT_WORDING } from '../../../shared/wording';
import { DEFAULT_BULLETIN_WORDING } from '../../../shared/bulletin/wording';
import { DEFAULT_THRESHOLDS } from '../../../shared/review/compare';
import { DEFAULT_ROTATION } from '../backup';
import { stmt, type Db } from '../connection';

function defaults(): Settings {
  return {
    // Not the system login (often root or a shared account): a name only the clerk can give, asked in 设置.
    userName: '',
    city: '',
    exportTitle: DEFAULT_WORDING.title,
    exportParagraph: DEFAULT_WORDING.paragraph,
    exportHeaders: [...DEFAULT_WORDING.headers],
    paperSize: 'A3',
    exportLayout: 'single',
    reviewThresholds: {
      green: DEFAULT_THRESHOLDS.green,
      yellow: DEFAULT_THRESHOLDS.yellow,
      overdueYellowDays: DEFAULT_THRESHOLDS.overdueYellowDays,
      overdueRedDays: DEFAULT_THRESHOLDS.overdueRedDays,
    },
    backupDir: '',
    backupKeepLast: DEFAULT_ROTATION.keepLast,
    backupKeepMonthly: DEFAULT_ROTATION.keepMonthly,
    bulletinWording: { ...DEFAULT_BULLETIN_WORDING },
    noticeReplyDays: 10,
    overviewRows: 'full',
  };
}

/** Values are stored as JSON, one row per key; a value that no longer validates falls back to its default. */
export function readSettings(db: Db): Settings {
  const rows = stmt(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const settings = defaults();
  const shape = settingsSchema.shape;
  for (const { key, value } of rows) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) continue;
    const k = key as keyof Settings;
    // A string such as a user name "2023" is stored bare and would decode as a number.
    let parsed = shape[k].safeParse(decode(value));
    if (!parsed.success) parsed = shape[k].safeParse(value);
    if (parsed.success) (settings as Record<keyof Settings, unknown>)[k] = parsed.data;
  }
  return settings;
}

/** Plain strings were stored bare before values became JSON; both read back. */
function decode(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function writeSettings(db: Db, patch: Partial<Settings>): void {
  const put = stmt(db, 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) put.run(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
}
