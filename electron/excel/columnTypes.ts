/**
 * What a column is, from its header and from its values. Other offices head their columns with words the
 * header rules do not know (推进状态, 完成状态, 进展评价, 分管市长, 落实单位), so the values are a second
 * signal: status words, unit names, leader names, deadlines, serials, long text. The two are combined by
 * one small scoring function (`candidatesOf`), and the roles of a block are handed out best score first
 * (`assignRoles`); what was decided and why is kept for the preview to show.
 */
import { normalizeName, parseDeadline, parseOnSchedule, toHalfWidth } from '../../shared/domain';
import type { ColumnRole } from '../../shared/contract';
import { plainNames } from './cellRoles';

export type ValueKind = 'serial' | 'deadline' | 'status' | 'units' | 'leaders' | 'text';
export const VALUE_KINDS: readonly ValueKind[] = ['serial', 'deadline', 'status', 'units', 'leaders', 'text'];

/** Names the store already knows (leaders; units and their aliases), normalised as stored. */
export interface KnownNames {
  leaders: ReadonlySet<string>;
  units: ReadonlySet<string>;
}

export const NO_KNOWN_NAMES: KnownNames = { leaders: new Set(), units: new Set() };

/** How an organisation's name ends: 市财政局, 市发展改革委, 市政府办公室, 县区人民政府, 华瑞集团, 市大数据中心, 团市委, 市妇联. */
const UNIT_SHAPE = /(局|委|办|办公室|政府|集团|中心|公司|管委会|委员会|联|院|会|部|厅|所|站|社|行|队|处|室|馆|台|校|团|署|司)$|^各/;
/** A person's name: two or three characters (a padded `张　鹏` is joined by splitNames first) and a common surname. */
const PERSON = /^[\u4e00-\u9fa5·]{2,3}$/;
// Short content (目标一, 开工中) is two or three characters too; a surname tells a name from it.
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤聂常温牛鲁葛单柴翟尚齐庞樊兰殷施洪甘左耿关苗安申裴柳易骆祝岳邢焦乔盛牟管康伍余卞房储晋连穆滕解霍辛鲍麻栗路', 
);
const PLACE_START = /^[市县区省各]/;

function isUnitName(name: string, known: KnownNames): boolean {
  const n = normalizeName(name);
  return known.units.has(n) || (n.length >= 2 && n.length <= 30 && UNIT_SHAPE.test(n));
}

function isLeaderName(name: string, known: KnownNames): boolean {
  const n = normalizeName(name);
  return known.leaders.has(n) || (PERSON.test(n) && SURNAMES.has(n[0]!) && !UNIT_SHAPE.test(n) && !PLACE_START.test(n));
}

/** The kind of one non-empty cell value; null when it fits none (a number among text, an English word). */
export function kindOfValue(value: string, known: KnownNames = NO_KNOWN_NAMES): ValueKind | null {
  // Names, deadlines and status words are short: a long cell is text, told without splitting it into names.
  if (value.length > 500) return /[\u4e00-\u9fa5]/.test(value) ? 'text' : null;
  const v = toHalfWidth(value).replace(/\s+/g, ' ').trim();
  const compact = v.replace(/\s/g, '');
  if (/^[(（]?第?\d{1,5}项?[)）.、]?$/.test(compact)) return 'serial';
  if (compact.length <= 16 && !['unknown', 'none'].includes(parseDeadline(compact, 2000).kind)) return 'deadline';
  if (compact.length <= 14 && (parseOnSchedule(compact).value !== null || /^\d+(\.\d+)?%/.test(compact))) return 'status';
  const names = plainNames(v);
  if (names.length > 0 && names.every((n) => isUnitName(n, known))) return 'units';
  if (names.length > 0 && names.every((n) => isLeaderName(n, known))) return 'leaders';
  if (/[\u4e00-\u9fa5]/.test(compact) && compact.length >= 6) return 'text';
  return null;
}

/** What the values of one column look like. */
export interface ColumnProfile {
  /** Rows of the table (rows with two filled cells at least) and of them the ones this column fills. */
  rows: number;
  filled: number;
  /** Share of the filled values of each kind, 0–1. */
  shares: Record<ValueKind, number>;
  /** Serial numbers go up: a helper column of numbers (LEN of the content) does not. */
  rising: boolean;
}

export function profileOf(values: string[], rows: number, known: KnownNames = NO_KNOWN_NAMES): ColumnProfile {
  const shares = Object.fromEntries(VALUE_KINDS.map((k) => [k, 0])) as Record<ValueKind, number>;
  const numbers: number[] = [];
  for (const v of values) {
    const kind = kindOfValue(v, known);
    if (kind !== null) shares[kind] += 1;
    if (kind === 'serial') numbers.push(Number(toHalfWidth(v).replace(/\D/g, '')));
  }
  if (values.length > 0) for (const k of VALUE_KINDS) shares[k] /= values.length;
  let up = 0;
  for (let i = 1; i < numbers.length; i++) if (numbers[i]! >= numbers[i - 1]!) up++;
  return { rows, filled: values.length, shares, rising: numbers.length < 2 || up >= 0.8 * (numbers.length - 1) };
}

/** A role a column may take: from its header, its values, or the user's choice. */
export type ColumnSource = 'header' | 'content' | 'user';

export interface Candidate {
  /** 'text' is long text not yet told apart: content (责任目标内容) or progress (完成情况), by position. */
  role: ColumnRole | 'text';
  score: number;
  source: ColumnSource;
}

/** The kind of value each role holds. */
export const KIND_OF_ROLE: Partial<Record<ColumnRole, ValueKind>> = {
  serial: 'serial',
  leaders: 'leaders',
  content: 'text',
  deadline: 'deadline',
  progress: 'text',
  previousProgress: 'text',
  onSchedule: 'status',
  units: 'units',
  leadUnits: 'units',
  cooperatingUnits: 'units',
};

const ROLE_OF_KIND: Record<ValueKind, ColumnRole | 'text'> = {
  serial: 'serial',
  deadline: 'deadline',
  status: 'onSchedule',
  units: 'units',
  leaders: 'leaders',
  text: 'text',
};

/** A header naming the role is worth less than values that all say it; a header and values together win. */
export const HEADER_WEIGHT = 2;
export const CONTENT_WEIGHT = 3;
/** Values alone decide only when most of them agree and the column is mostly filled. */
export const MIN_SHARE = 0.6;
export const MIN_FILL = 0.5;
/** Values of another kind override a header the rules know only when nearly all of them say so. */
export const OVERRIDE_PENALTY = 0.5;
/** A progress column headed for an earlier quarter than the table's takes the role only when no other column claims it. */
export const EARLIER_QUARTER_PENALTY = 10;

/**
 * The roles a column may take, best first. The header's role scores HEADER_WEIGHT plus CONTENT_WEIGHT times the
 * share of values of its kind; the values' own kind scores CONTENT_WEIGHT times its share, when most values are
 * of that kind, less OVERRIDE_PENALTY against a header that names another role. A user's choice beats both. `quarter` breaks ties between progress columns: the later quarter;
 * `earlierQuarter`: the header names a quarter before the table's (上半年完成情况 in a third-quarter table).
 */
export function candidatesOf(headerRole: ColumnRole | null, profile: ColumnProfile, user?: ColumnRole | 'ignore', quarter = 0, earlierQuarter = false): Candidate[] {
  if (user !== undefined) return user === 'ignore' ? [] : [{ role: user, score: 100, source: 'user' }];
  const out: Candidate[] = [];
  if (headerRole !== null) {
    const kind = KIND_OF_ROLE[headerRole];
    const share = kind === undefined ? 1 : profile.shares[kind];
    out.push({ role: headerRole, score: HEADER_WEIGHT + CONTENT_WEIGHT * share + quarter / 100 - (earlierQuarter ? EARLIER_QUARTER_PENALTY : 0), source: 'header' });
  }
  if (profile.filled > 0 && profile.filled >= MIN_FILL * profile.rows) {
    for (const kind of VALUE_KINDS) {
      const share = profile.shares[kind];
      if (share < MIN_SHARE || (kind === 'serial' && !profile.rising)) continue;
      const role = ROLE_OF_KIND[kind];
      // Values of the header's own kind only confirm it (配合单位 holding units stays 配合单位).
      if (headerRole !== null && KIND_OF_ROLE[headerRole] === kind) continue;
      // parseDeadline finds a deadline inside short texts (第3项前三季度推进情况, 1-9月已完成): values that
      // read as deadlines do not unname a column headed as text (a Word return without 完成时限 had no progress).
      if (kind === 'deadline' && headerRole !== null && KIND_OF_ROLE[headerRole] === 'text') continue;
      out.push({ role, score: CONTENT_WEIGHT * share - (headerRole === null ? 0 : OVERRIDE_PENALTY), source: 'content' });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

export interface Assigned {
  role: ColumnRole;
  source: ColumnSource;
}

/**
 * Hands out the roles of one block: the best-scored claim first, one column per role; a column whose best
 * role is taken falls back to its next one. Long text left over becomes the content (leftmost) and then the
 * progress, when the header did not name them. Returns the role of each column that got one.
 */
export function assignRoles(columns: { column: number; candidates: Candidate[] }[]): Map<number, Assigned> {
  const claims = columns.flatMap((c) => c.candidates.map((k) => ({ column: c.column, ...k })));
  claims.sort((a, b) => b.score - a.score || a.column - b.column);
  const byColumn = new Map<number, Assigned>();
  const taken = new Set<ColumnRole>();
  const text: number[] = [];
  for (const claim of claims) {
    if (byColumn.has(claim.column) || text.includes(claim.column)) continue;
    if (claim.role === 'text') {
      text.push(claim.column);
      continue;
    }
    let role = claim.role;
    // Units found by their values beside a 牵头单位 column are its cooperating units.
    if (role === 'units' && claim.source === 'content' && taken.has('leadUnits')) role = 'cooperatingUnits';
    if (taken.has(role) || (role === 'leadUnits' && taken.has('units' as ColumnRole) && claim.source === 'content')) continue;
    taken.add(role);
    byColumn.set(claim.column, { role, source: claim.source });
  }
  for (const column of text.sort((a, b) => a - b)) {
    const role = (['content', 'progress'] as const).find((r) => !taken.has(r));
    if (role === undefined) break;
    taken.add(role);
    byColumn.set(column, { role, source: 'content' });
  }
  return byColumn;
}
