/**
 * Two windows (two browser tabs, the app and the CLI) editing one target: every edit says which version of
 * the target it was made on. When the target moved on since, the edit goes through only if what it changes
 * is still as the window saw it (someone else's edit of another field or line is not a conflict); otherwise
 * it is refused with 已被他人修改 and the newer value, and nothing is written.
 */
import type { Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { stmt } from '../db/connection';
import type { ServiceContext } from './context';

/**
 * The target as it was at `version`. Only target changes alter a target's fields, and each is logged with
 * the whole target before and after: the state at a version is the newest logged state not newer than it,
 * else (no change logged up to it) the state before the first logged change after it.
 */
function targetAtVersion(ctx: ServiceContext, targetId: number, version: number): Target | null {
  const after = stmt(
    ctx.db,
    `SELECT after_json FROM change_log WHERE entity = 'target' AND target_id = ? AND after_json IS NOT NULL AND json_extract(after_json, '$.version') <= ?
      ORDER BY id DESC LIMIT 1`,
  ).pluck().get(targetId, version) as string | undefined;
  if (after !== undefined && after !== 'null') return JSON.parse(after) as Target;
  const before = stmt(
    ctx.db,
    `SELECT before_json FROM change_log WHERE entity = 'target' AND target_id = ? AND before_json IS NOT NULL AND json_extract(before_json, '$.version') >= ?
      ORDER BY id ASC LIMIT 1`,
  ).pluck().get(targetId, version) as string | undefined;
  return before !== undefined && before !== 'null' ? (JSON.parse(before) as Target) : null;
}

/** What an edit is about: its name in the table's words, the part of the target it reads, and how to show it. */
export interface EditAspect {
  field: string;
  label: string;
  of: (t: Target) => unknown;
  shown: (t: Target) => string;
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Throws 'stale' when `current` is not the version the edit was made on and the edited part differs since. */
export function assertNotStale(ctx: ServiceContext, current: Target, baseVersion: number | undefined, aspects: EditAspect[]): void {
  if (baseVersion === undefined || baseVersion === current.version) return;
  const base = targetAtVersion(ctx, current.id, baseVersion);
  const changed = aspects.filter((a) => base === null || JSON.stringify(a.of(base)) !== JSON.stringify(a.of(current)));
  if (changed.length === 0) return;
  const last = stmt(ctx.db, "SELECT actor, at FROM change_log WHERE entity = 'target' AND target_id = ? ORDER BY id DESC LIMIT 1").get(current.id) as
    | { actor: string; at: string }
    | undefined;
  const by = last ? `（${last.actor || '未署名'}，${new Date(last.at).toLocaleString('zh-CN', { hour12: false })}）` : '';
  const now = changed.map((a) => `${a.label}现为“${short(a.shown(current)) || '空'}”`).join('；');
  throw new AppError('stale', `第${current.serial}项已被他人修改${by}：${now}。您的修改未保存，仍保留在原处；请核对后再保存（再次保存将以您的内容为准）。`, { field: changed[0]!.field });
}
