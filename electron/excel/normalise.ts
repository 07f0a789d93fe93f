/**
 * The "normalise values" step of the read: what a cell holds once the decorations people put around names
 * are taken off and any separator they use between names is read as one. Column typing (columnTypes.ts)
 * and the rows (blockReader.ts) both read names through here, so that a column of `聂元科副市长／王昌华同志`
 * is typed as leaders and read as 聂元科, 王昌华.
 */
import { isEmptyMarker, normalizeSpaces, splitNames } from '../../shared/domain';
import { copyList, rememberShort } from '../../shared/memo';

/** Titles after a leader's name: 同志, 市长, 副市长, 局长, 主任 … */
const TITLE = /(?:同志|常务副市长|副市长|市长|副主任|主任|副局长|局长|副书记|书记|副秘书长|秘书长|副主席|主席|副区长|区长|副县长|县长|部长|副部长)$/;
/** Numbering before a name: `1.` `1、` `(1)` `（1）` `①`. */
const NUMBERING = /^(?:\d{1,2}\s*[.．、)）]|[(（]\s*\d{1,2}\s*[)）]|[\u2460-\u2473\u2776-\u277f])\s*/;
/** Brackets around the whole name: `[聂元科]` `【市财政局】` `（张鹏）`. */
const WRAPPED = /^[\[【（(〔《<「『]\s*([^\[\]【】（）()〔〕《》<>「」『』]+?)\s*[\]】）)〕》>」』]$/;

/** One name without what is written around it. */
export function bareName(name: string): string {
  let n = normalizeSpaces(name);
  for (let i = 0; i < 3; i++) {
    const before = n;
    n = n.replace(NUMBERING, '').trim();
    n = n.replace(WRAPPED, '$1').trim();
    // A title is a decoration only when a name is left: 市长 alone stays.
    const untitled = n.replace(TITLE, '').trim();
    if (untitled.length >= 2) n = untitled;
    if (n === before) break;
  }
  return n;
}

/** How a unit's name ends (局, 委, 政府, 管委会 …): a 和/及 right after one joins two units. */
const UNIT_END = /(局|委|办|办公室|政府|集团|中心|公司|管委会|委员会|联|院|会|部|厅|所|站|社|行|队|处|室|馆|台|校|团|署|司)$/;
const PERSON = /^[\u4e00-\u9fa5·]{2,3}$/;

/**
 * 和 / 及 between two names: `聂元科和王昌华`, `市商务局及市自然资源和规划局`. Not inside a name
 * (市自然资源和规划局): split only where both sides are whole names, persons or units.
 */
function splitConjunctions(piece: string): string[] {
  const JOIN = /(?<=[\u4e00-\u9fa5\]】）)])[和及](?=[\u4e00-\u9fa5\[【（(])/g;
  const parts = piece.split(JOIN);
  if (parts.length === 1) return [piece];
  const joiners = [...piece.matchAll(JOIN)].map((m) => m[0]);
  const out: string[] = [];
  let current = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i]!;
    const rest = bareName(parts.slice(i).map((p, k) => (k === 0 ? p : `${joiners[i - 1 + k]}${p}`)).join(''));
    const here = bareName(current);
    const persons = PERSON.test(here) && PERSON.test(bareName(next));
    const units = here.length >= 3 && UNIT_END.test(here) && UNIT_END.test(rest);
    if (persons || units) {
      out.push(current);
      current = next;
    } else {
      current = `${current}${joiners[i - 1]}${next}`;
    }
  }
  out.push(current);
  return out;
}

/** The separators between names beyond splitNames' own (spaces, 、，,;；, line breaks). */
const MORE_SEPARATORS = /[\/／|｜]+/g;

/**
 * The names of a cell: split at any separator, each without its decorations. Numbering written between
 * names without a separator (`①张三②李四`) splits too.
 */
export function namesOf(cell: string | null | undefined): string[] {
  return namesOfText(cell ?? '');
}

const namesOfText = rememberShort(readNames, copyList);

function readNames(cell: string): string[] {
  const text = normalizeSpaces(cell)
    .replace(MORE_SEPARATORS, '、')
    // A two-character name padded to three (`张　鹏`), also beside 和/及: one name.
    .replace(/(?<=(?:^|[^\u4e00-\u9fa5]|[和及])[\u4e00-\u9fa5])[ \u3000]+(?=[\u4e00-\u9fa5](?:$|[^\u4e00-\u9fa5]|[和及]))/g, '')
    // `①张三②李四`, `1.张三 2.李四`: a number starting a name is a separator.
    .replace(/(?<=[^\s、，,;；\n])(?=[\u2460-\u2473\u2776-\u277f]|[(（]\d{1,2}[)）]|\d{1,2}[.．、](?!\d))/g, '、');
  if (text === '' || isEmptyMarker(text)) return [];
  // 和 / 及 left beside a separator by the steps above (`市财政局（牵头）、和市税务局`) joins nothing.
  const joined = text.replace(/(^|[、，,;；\s])[和及](?=[\u4e00-\u9fa5\[【（(])/g, '$1').replace(/(?<=[\u4e00-\u9fa5\]】）)])[和及](?=$|[、，,;；\s])/g, '');
  return splitNames(joined)
    .flatMap(splitConjunctions)
    .map(bareName)
    .filter((n) => n !== '' && !isEmptyMarker(n));
}
