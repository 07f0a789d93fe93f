/**
 * Some offices write the units into the content cell instead of a column of their own:
 * `……。责任单位：市财政局、市税务局` or `……（牵头单位：市发展改革委；配合单位：市财政局）`.
 * Read only when the line has no units of its own, so a content that merely mentions units is left alone.
 */
import { namesOf } from './normalise';

export interface UnitsInContent {
  /** The content without the units clause. */
  content: string;
  units: string[];
  /** null when the clause does not tell lead from cooperating units (then the first leads). */
  cooperatingUnits: string[] | null;
}

const CLAUSE = /[（(【]?\s*(?:责任单位|牵头单位|责任部门|牵头部门)\s*[:：]/g;
const COOPERATING = /[；;，,。\s]*(?:配合单位|配合部门|协办单位)\s*[:：]/;

function names(text: string): string[] {
  return namesOf(text.replace(/[）)】。.；;\s]+$/, '').replace(/等$/, ''));
}

export function unitsInContent(content: string): UnitsInContent | null {
  const matches = [...content.matchAll(CLAUSE)];
  const last = matches[matches.length - 1];
  if (!last || last.index === undefined) return null;
  const tail = content.slice(last.index + last[0].length);
  const [leadText, cooperatingText] = tail.split(COOPERATING);
  const units = names(leadText ?? '');
  const others = cooperatingText === undefined ? null : names(cooperatingText);
  // The clause must end the cell and hold names only; otherwise it is part of the content itself.
  const all = [...units, ...(others ?? [])];
  if (units.length === 0 || all.some((n) => n.length > 20 || /[。：:]/.test(n))) return null;
  return {
    content: content.slice(0, last.index).trim(),
    units,
    cooperatingUnits: others,
  };
}
