/**
 * Cells that hold several roles at once. Offices write lead and cooperating units into one cell
 * (`牵头：市财政局；配合：市税务局、各县区人民政府`, `牵头单位：…　配合单位：…`, `市财政局（牵头）、市税务局`)
 * and mark a leader's role beside the name (`张三（牵头）`). The role words are read, never kept as part
 * of a name: `牵头:市财政局` is not a unit.
 */
import { normalizeSpaces } from '../../shared/domain';
import { rememberShort } from '../../shared/memo';
import { bareName, namesOf } from './normalise';

export interface RoleNames {
  lead: string[];
  cooperating: string[];
}

const LEAD_LABEL = /(?:牵头单位|牵头部门|牵头领导|牵头市领导|主办单位|牵头|主办|负责)\s*[:：]/;
const COOPERATING_LABEL = /(?:配合单位|配合部门|配合领导|配合市领导|协办单位|参与单位|协管市领导|配合|协办|协管|参与)\s*[:：]/;
const LABELS = new RegExp(`(${LEAD_LABEL.source})|(${COOPERATING_LABEL.source})`, 'g');
/** `（牵头）` after a name, in full- or half-width brackets. */
const MARK = /[（(]\s*(牵头|主办|负责|配合|协办|协管|参与)\s*[)）]/;

/** The names of one labelled part: its trailing separators and a closing 等 dropped. */
function names(text: string): string[] {
  return namesOf(text.replace(/^[\s；;，,。.、]+|[\s；;，,。.、]+$/g, '').replace(/等$/, ''));
}

/**
 * Reads a cell's names with their roles; null when the cell says nothing about roles, so the caller's
 * own rule (the first unit leads) applies.
 */
export function namesWithRoles(cell: string): RoleNames | null {
  return rolesOf(cell);
}

const rolesOf = rememberShort(readRoles, (r) => r && { lead: r.lead.slice(), cooperating: r.cooperating.slice() });

function readRoles(cell: string): RoleNames | null {
  const text = normalizeSpaces(cell);
  if (text === '') return null;
  if (LABELS.test(text)) {
    LABELS.lastIndex = 0;
    const out: RoleNames = { lead: [], cooperating: [] };
    const parts = [...text.matchAll(LABELS)];
    // Names before the first label (rare: `市财政局；配合：…`) lead.
    out.lead.push(...names(text.slice(0, parts[0]!.index)));
    parts.forEach((m, i) => {
      const end = i + 1 < parts.length ? parts[i + 1]!.index : text.length;
      const list = names(text.slice(m.index! + m[0].length, end));
      (m[1] !== undefined ? out.lead : out.cooperating).push(...list);
    });
    return out.lead.length + out.cooperating.length > 0 ? out : null;
  }
  if (!MARK.test(text)) return null;
  const out: RoleNames = { lead: [], cooperating: [] };
  const marked = text.replace(new RegExp(`\\s+(?=${MARK.source})`, 'g'), '').replace(new RegExp(MARK.source, 'g'), (m) => `${m} `);
  for (const name of namesOf(marked.replace(/[)）]\s/g, (m) => `${m[0]}、`))) {
    const mark = MARK.exec(name);
    const bare = bareName(name.replace(MARK, '').trim());
    if (bare === '') continue;
    if (mark && /牵头|主办|负责/.test(mark[1]!)) out.lead.push(bare);
    else out.cooperating.push(bare);
  }
  // `市财政局（配合）` alone: no lead named, so the names keep their order and the first leads.
  if (out.lead.length === 0) return { lead: out.cooperating.slice(0, 1), cooperating: out.cooperating.slice(1) };
  return out;
}

/** A cell of names with the role words taken out, lead names first: `张三（牵头）、李四` → 张三, 李四. */
export function plainNames(cell: string): string[] {
  const roles = namesWithRoles(cell);
  return roles === null ? namesOf(cell) : [...roles.lead, ...roles.cooperating];
}
