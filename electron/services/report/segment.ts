/**
 * Segments a work report (政府工作报告) into parts (一、), sections （一）, items (一是), sentences, the main
 * expected targets (主要预期目标) one indicator each and the livelihood projects ((1)…(10)). Offsets are into
 * the text as given, so a span can be highlighted in the published wording (variants and typos kept).
 * Pure text rules: no store, no files.
 *
 * Another city's report may number differently (第一部分, 1., (1)) or not at all; whatever structure is
 * found is used, and the sentences are always there.
 */
import { parseGoals, type Comparator } from '../../../shared/review/quantity';

export interface TextSpan {
  start: number;
  end: number;
}

/** review: last year's results (not commitments); goals: 总体要求 (only its 主要预期目标 commit); work; government. */
export type PartRole = 'review' | 'goals' | 'work' | 'government' | 'other';

export interface ReportPart extends TextSpan {
  label: string;
  title: string;
  role: PartRole;
}

export interface ReportSectionNode extends TextSpan {
  /** （一）, 1., … as written. */
  label: string;
  name: string;
  /** main-targets, 1…7, livelihood, government; null for sections of last year's review. */
  code: string | null;
  partLabel: string | null;
}

export interface ReportItem extends TextSpan {
  /** 一是, 二是, (1) … */
  label: string;
  title: string;
  sectionLabel: string | null;
  code: string | null;
}

export interface ReportSentence extends TextSpan {
  text: string;
  partLabel: string | null;
  sectionLabel: string | null;
  itemLabel: string | null;
  code: string | null;
  /** A heading (（一）…。, 一是…。) names what follows; it commits to nothing itself. */
  heading: boolean;
}

export type CommitmentKind = 'indicator' | 'project' | 'sentence';

export interface CommitmentQuantity {
  value: number;
  unit: string;
  comparator: Comparator;
}

/** A clause a target can be decomposed from: an indicator, a livelihood project, or a sentence of the work. */
export interface Commitment extends TextSpan {
  /** Stable within one text: kind and start offset. */
  key: string;
  kind: CommitmentKind;
  text: string;
  code: string;
  sectionName: string;
  partLabel: string | null;
  sectionLabel: string | null;
  itemLabel: string | null;
  quantity: CommitmentQuantity | null;
}

export interface WorkReportStructure {
  text: string;
  parts: ReportPart[];
  sections: ReportSectionNode[];
  items: ReportItem[];
  indicators: Commitment[];
  projects: Commitment[];
  sentences: ReportSentence[];
  commitments: Commitment[];
  /** Every section code with its name, in report order. */
  codes: { code: string; name: string }[];
}

export const SECTION_NAMES: Record<string, string> = {
  'main-targets': '主要预期目标',
  livelihood: '十项民生实事',
  government: '政府自身建设',
  other: '全文',
};

const CN_DIGITS = '一二三四五六七八九十';
const CN = `[${CN_DIGITS}]+`;

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20. */
export function chineseOrdinal(s: string): number {
  if (s.length === 1) return CN_DIGITS.indexOf(s) + 1;
  const ten = s.indexOf('十');
  if (ten < 0) return Number.NaN;
  const tens = ten === 0 ? 1 : CN_DIGITS.indexOf(s[0]!) + 1;
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS.indexOf(s[ten + 1]!) + 1;
  return tens * 10 + ones;
}

/**
 * Heading styles from the highest level down. Which are parts, sections and items depends on the report:
 * 一、/（一）/ in the seed; 第一部分/一、/（一） or 第一部分/1./(1) elsewhere. The levels are the styles the
 * report uses, in this order.
 */
const CHAPTER = new RegExp(`^第(${CN})部分[、：:\\s]*`);
const CN_COMMA = new RegExp(`^(${CN})、`);
const CN_PAREN = new RegExp(`^(?:（(${CN})）|\\((${CN})\\))`);
const ARABIC_DOT = /^(\d{1,2})[.．、](?!\d)/;
const ARABIC_PAREN = /^(?:（(\d{1,2})）|\((\d{1,2})\))/;
const HEADING_STYLES = [CHAPTER, CN_COMMA, CN_PAREN, ARABIC_DOT, ARABIC_PAREN];

interface Levels {
  part: RegExp | null;
  section: RegExp | null;
  item: RegExp | null;
}

/** A part heading is a line of its own; a section or item heading may run on into its paragraph. */
function isPartLine(raw: string, re: RegExp): boolean {
  return re.test(raw) && raw.length <= 40 && !/[。]/.test(raw.slice(0, -1));
}

function levelsOf(paragraphs: string[]): Levels {
  const used = (re: RegExp) => paragraphs.some((p) => re.test(p));
  const part = used(CHAPTER) ? CHAPTER : paragraphs.some((p) => isPartLine(p, CN_COMMA)) ? CN_COMMA : null;
  const below = HEADING_STYLES.slice(part ? HEADING_STYLES.indexOf(part) + 1 : 2).filter(used);
  return { part, section: below[0] ?? null, item: below[1] ?? null };
}
const ITEM_RE = new RegExp(`^(${CN})是`);
/** Sentence ends; ；/; too, since a target is often one half of a 分号 pair. */
const SENTENCE_END = /[。！？!?；;]/;
const TERMINAL = /[。！？!?；;：:”"）)]$/;

function roleOf(title: string): PartRole {
  if (/回顾|过去一年|过去五年|工作总结/.test(title)) return 'review';
  if (/重点工作|主要任务|重点任务|工作安排|重点抓好/.test(title)) return 'work';
  if (/总体要求|工作目标|指导思想|预期目标/.test(title)) return 'goals';
  if (/政府|自身建设/.test(title)) return 'government';
  return 'other';
}

type Paragraph = TextSpan;

/** Line breaks inside a sentence (a page break of the published PDF) are not part of the wording. */
export function spanText(text: string, span: TextSpan): string {
  return text.slice(span.start, span.end).replace(/\s*\n\s*/g, '').trim();
}

function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const start = m.index + lead;
    const end = start + trimmed.length;
    const prev = out[out.length - 1];
    // A long paragraph cut without a full stop continues on the next line (a page break in the source).
    if (prev && prev.end - prev.start > 40 && !TERMINAL.test(text.slice(prev.start, prev.end)) && !HEADING_STYLES.some((re) => re.test(trimmed))) {
      prev.end = end;
      continue;
    }
    out.push({ start, end });
  }
  return out;
}

/** Sentences of a paragraph, as spans (trailing punctuation included). */
function sentenceSpans(text: string, p: TextSpan): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = p.start;
  for (let i = p.start; i < p.end; i++) {
    const c = text[i]!;
    if (SENTENCE_END.test(c)) {
      let end = i + 1;
      // A closing quote or bracket after the full stop belongs to the sentence.
      while (end < p.end && /[”’"）)]/.test(text[end]!)) end++;
      pushTrimmed(text, spans, start, end);
      start = end;
      i = end - 1;
    }
  }
  pushTrimmed(text, spans, start, p.end);
  return spans;
}

function pushTrimmed(text: string, spans: TextSpan[], start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) spans.push({ start: s, end: e });
}

function quantityOf(text: string): CommitmentQuantity | null {
  const q = parseGoals(text)[0];
  return q ? { value: q.value, unit: q.unit, comparator: q.comparator } : null;
}

const HEADING_MAX = 24;

export function segmentWorkReport(input: string): WorkReportStructure {
  const text = input.replace(/\r\n?/g, '\n');
  const parts: ReportPart[] = [];
  const sections: ReportSectionNode[] = [];
  const items: ReportItem[] = [];
  const sentences: ReportSentence[] = [];
  const indicators: Commitment[] = [];
  const projects: Commitment[] = [];
  const commitments: Commitment[] = [];
  const names = new Map<string, string>();

  const paragraphs = paragraphsOf(text);
  const levels = levelsOf(paragraphs.map((p) => text.slice(p.start, p.end)));
  const hasParts = levels.part !== null;
  let part: ReportPart | null = null;
  let section: ReportSectionNode | null = null;
  let item: ReportItem | null = null;
  let workSections = 0;

  const setName = (code: string, name: string) => {
    if (!names.has(code)) names.set(code, name);
  };
  const currentRole = (): PartRole => (part ? part.role : hasParts ? 'other' : 'work');
  const closeItem = (end: number) => {
    if (item) item.end = Math.max(item.start, end);
  };
  const closeSection = (end: number) => {
    closeItem(end);
    item = null;
    if (section) section.end = end;
  };

  const addCommitment = (kind: CommitmentKind, span: TextSpan, code: string) => {
    const body = spanText(text, span);
    const c: Commitment = {
      key: `${kind[0]}${span.start}`,
      kind,
      start: span.start,
      end: span.end,
      text: body,
      code,
      sectionName: names.get(code) ?? SECTION_NAMES[code] ?? code,
      partLabel: part?.label ?? null,
      sectionLabel: section?.label ?? null,
      itemLabel: item?.label ?? null,
      quantity: quantityOf(body),
    };
    commitments.push(c);
    if (kind === 'indicator') indicators.push(c);
    if (kind === 'project') projects.push(c);
  };

  for (const p of paragraphs) {
    const raw = text.slice(p.start, p.end);
    const partMatch = levels.part && isPartLine(raw, levels.part) ? levels.part.exec(raw) : null;
    if (partMatch) {
      closeSection(lastEnd(sentences, p.start));
      section = null;
      if (part) part.end = lastEnd(sentences, p.start);
      const label = partMatch[1]!;
      const title = raw.slice(partMatch[0].length).trim();
      part = { label, title, role: roleOf(title), start: p.start, end: p.end };
      parts.push(part);
      if (part.role === 'government') setName('government', title || SECTION_NAMES.government!);
      continue;
    }

    const sectionMatch = levels.section ? levels.section.exec(raw) : null;
    let paragraphIsHeadingOnly = false;
    if (sectionMatch) {
      closeSection(lastEnd(sentences, p.start));
      const label = sectionMatch[0];
      const afterLabel = raw.slice(label.length);
      const firstStop = afterLabel.search(/[。！？!?]/);
      const name = (firstStop >= 0 ? afterLabel.slice(0, firstStop) : afterLabel).trim();
      paragraphIsHeadingOnly = firstStop < 0 || firstStop === afterLabel.trimEnd().length - 1;
      const role = currentRole();
      let code: string | null = null;
      if (role === 'work' || role === 'other') {
        workSections += 1;
        code = role === 'work' ? String(workSections) : 'other';
        if (role === 'work') setName(code, name);
      } else if (role === 'government') code = 'government';
      section = { label, name, code, partLabel: part?.label ?? null, start: p.start, end: p.end };
      sections.push(section);
    }

    const subMatch = !sectionMatch && levels.item ? levels.item.exec(raw) : null;
    if (subMatch && section) {
      // (1) starting a paragraph under a section: an item of that section.
      closeItem(lastEnd(sentences, p.start));
      item = { label: subMatch[0], title: firstSentenceTitle(raw.slice(subMatch[0].length)), sectionLabel: section.label, code: section.code, start: p.start, end: p.end };
      items.push(item);
    }

    const role = currentRole();
    const spans = sentenceSpans(text, p);
    const isMainTargets = /主要预期目标/.test(raw) && (role === 'goals' || role === 'other' || !hasParts);
    if (isMainTargets) setName('main-targets', SECTION_NAMES['main-targets']!);

    spans.forEach((s, index) => {
      const body = text.slice(s.start, s.end);
      const itemMatch = ITEM_RE.exec(body);
      if (itemMatch && section) {
        closeItem(s.start);
        item = { label: `${itemMatch[1]}是`, title: firstSentenceTitle(body.slice(itemMatch[0].length)), sectionLabel: section.label, code: section.code, start: s.start, end: s.end };
        if (/民生实事/.test(item.title)) {
          item.code = 'livelihood';
          setName('livelihood', item.title.replace(/^办好/, '') || SECTION_NAMES.livelihood!);
        }
        items.push(item);
      }
      const code = item?.code ?? section?.code ?? (role === 'government' ? 'government' : role === 'work' && !hasParts ? 'other' : null);
      const headingOfSection = index === 0 && sectionMatch !== null && (paragraphIsHeadingOnly || spanText(text, s).length - sectionMatch[0].length <= HEADING_MAX + 12);
      const headingOfItem = itemMatch !== null && spanText(text, s).length - itemMatch[0].length <= HEADING_MAX && quantityOf(body) === null;
      const heading = headingOfSection || headingOfItem || (index === 0 && subMatch !== null && spans.length > 1 && spanText(text, s).length <= HEADING_MAX);
      sentences.push({ start: s.start, end: s.end, text: spanText(text, s), partLabel: part?.label ?? null, sectionLabel: section?.label ?? null, itemLabel: item?.label ?? null, code, heading });
      if (item) item.end = s.end;
      if (section) section.end = s.end;

      if (isMainTargets && /主要预期目标/.test(body)) {
        for (const ind of indicatorSpans(text, s)) addCommitment('indicator', ind, 'main-targets');
        return;
      }
      if (heading || code === null) return;
      if (role === 'review' || role === 'goals') return;
      // The livelihood item is taken project by project below.
      if (code === 'livelihood') return;
      addCommitment('sentence', s, code);
    });

    // Livelihood projects run from one (n) to the next, whatever punctuation they hold.
    if (item !== null && (item as ReportItem).code === 'livelihood') {
      const li = item as ReportItem;
      const from = Math.max(li.start, p.start);
      const slice = text.slice(from, p.end);
      const marks = [...slice.matchAll(/[（(](\d{1,2})[）)]/g)].filter((m) => m.index === 0 || /[。；;:：\s]/.test(slice[m.index - 1]!));
      marks.forEach((m, i) => {
        const start = from + m.index;
        const end = i + 1 < marks.length ? from + marks[i + 1]!.index : p.end;
        const span = trimSpan(text, start, end);
        addCommitment('project', span, 'livelihood');
      });
    }
  }
  closeSection(sentences[sentences.length - 1]?.end ?? 0);
  if (part) part.end = sentences[sentences.length - 1]?.end ?? part.end;

  // A text with no structure at all: every sentence is a possible commitment.
  if (commitments.length === 0 && indicators.length === 0) {
    setName('other', SECTION_NAMES.other!);
    for (const s of sentences) {
      s.code = 'other';
      addCommitment('sentence', s, 'other');
    }
  }
  if (commitments.some((c) => c.code === 'other')) setName('other', SECTION_NAMES.other!);
  commitments.sort((a, b) => a.start - b.start);
  // Names found after a commitment was made (the government part's title) are applied once at the end.
  for (const c of commitments) c.sectionName = names.get(c.code) ?? c.sectionName;
  const order = ['main-targets', ...[...names.keys()].filter((k) => /^\d+$/.test(k)), 'livelihood', 'government', 'other'];
  const codes = order.filter((c) => names.has(c)).map((code) => ({ code, name: names.get(code)! }));
  return { text, parts, sections, items, indicators, projects, sentences, commitments, codes };
}

function lastEnd(sentences: ReportSentence[], fallback: number): number {
  return sentences[sentences.length - 1]?.end ?? fallback;
}

function trimSpan(text: string, start: number, end: number): TextSpan {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return { start, end: e };
}

function firstSentenceTitle(rest: string): string {
  const stop = rest.search(/[。！？!?；;]/);
  return (stop >= 0 ? rest.slice(0, stop) : rest).replace(/\s*\n\s*/g, '').trim();
}

/** The 主要预期目标 sentence: each clause after its colon is one indicator. */
function indicatorSpans(text: string, s: TextSpan): TextSpan[] {
  const body = text.slice(s.start, s.end);
  const colon = body.search(/[:：]/);
  const from = colon >= 0 ? colon + 1 : body.indexOf('主要预期目标') + '主要预期目标'.length;
  const out: TextSpan[] = [];
  let start = from;
  for (let i = from; i <= body.length; i++) {
    const c = body[i];
    if (c === undefined || /[,，;；。]/.test(c)) {
      let a = start;
      let b = i;
      while (a < b && /\s/.test(body[a]!)) a++;
      while (b > a && /\s/.test(body[b - 1]!)) b--;
      if (b > a) out.push({ start: s.start + a, end: s.start + b });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Where a wording (a target's source text, kept as published but without page breaks) is in the report:
 * the occurrence inside a commitment when there are several, else the first; null when it is not there.
 */
export function locateWording(s: WorkReportStructure, wording: string): TextSpan | null {
  const needle = wording.replace(/\s*\n\s*/g, '').trim();
  if (needle === '') return null;
  const { flat, map } = flatView(s);
  const hits: TextSpan[] = [];
  for (let at = flat.indexOf(needle); at >= 0 && hits.length < 20; at = flat.indexOf(needle, at + 1)) {
    hits.push({ start: map[at]!, end: map[at + needle.length - 1]! + 1 });
  }
  return hits.find((h) => s.commitments.some((c) => c.start < h.end && h.start < c.end)) ?? hits[0] ?? null;
}

const flatViews = new WeakMap<WorkReportStructure, { flat: string; map: number[] }>();

/** The text without page-break gaps, with each character's offset in the text as given. */
function flatView(s: WorkReportStructure): { flat: string; map: number[] } {
  const cached = flatViews.get(s);
  if (cached) return cached;
  const map: number[] = [];
  let flat = '';
  const gap = /\s*\n\s*/y;
  for (let i = 0; i < s.text.length; ) {
    gap.lastIndex = i;
    if (/\s/.test(s.text[i]!) && gap.test(s.text)) {
      i = gap.lastIndex;
      continue;
    }
    flat += s.text[i];
    map.push(i);
    i++;
  }
  const view = { flat, map };
  flatViews.set(s, view);
  return view;
}

const structures = new Map<string, WorkReportStructure>();

/** Segmentation is pure: the last few reports' structures are kept, since every screen asks again. */
export function structureOf(text: string): WorkReportStructure {
  const hit = structures.get(text);
  if (hit) return hit;
  const s = segmentWorkReport(text);
  if (structures.size >= 4) structures.delete(structures.keys().next().value!);
  structures.set(text, s);
  return s;
}
