import { comparable, trigrams } from './text';
import { createLinker } from './report/link';
import { structureOf } from './report/segment';

/**
 * Reads a work report (政府工作报告) into the sections targets are decomposed from, and finds for a target
 * the section and sentence it came from. Pure text rules; the seed loader and the importer use them.
 */

export interface ReportSection {
  code: string;
  name: string;
  text: string;
}

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Splits the report: 主要预期目标 (part 二), the key-work sections （一）…（七） of part 三, 民生实事, and part 四. */
export function parseWorkReport(text: string): ReportSection[] {
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter((p) => p !== '');
  const partOf = (p: string) => /^([一二三四五六七八九十])、/.exec(p)?.[1] ?? null;
  const sections: ReportSection[] = [];
  let part: string | null = null;
  let current: ReportSection | null = null;
  const government: ReportSection = { code: 'government', name: '政府自身建设', text: '' };
  for (const p of paragraphs) {
    const newPart = partOf(p);
    if (newPart) {
      part = newPart;
      current = null;
      if (part === '四') government.name = p.replace(/^四、/, '').trim() || government.name;
      continue;
    }
    if (part === '二' && /主要预期目标/.test(p)) {
      sections.push({ code: 'main-targets', name: '主要预期目标', text: p });
      continue;
    }
    if (part === '三') {
      const heading = /^（([一二三四五六七八九十])）([^。]*)。/.exec(p);
      if (heading) {
        current = { code: String(CN_ORDINALS.indexOf(heading[1]!) + 1), name: heading[2]!.trim(), text: p };
        sections.push(current);
      } else if (current) {
        current.text += p;
      }
      continue;
    }
    if (part === '四') government.text += p;
  }
  // 十项民生实事 is a numbered list inside a key-work section; offices track it as a section of its own.
  for (const s of sections) {
    const at = s.text.search(/[一二三四五六七八九十]是办好十项民生实事|十项民生实事。/);
    if (at >= 0) {
      sections.push({ code: 'livelihood', name: '十项民生实事', text: s.text.slice(at) });
      s.text = s.text.slice(0, at);
      break;
    }
  }
  if (government.text !== '') sections.push(government);
  return sections;
}

function overlap(grams: Set<string>, text: string): number {
  const flat = comparable(text);
  let hits = 0;
  for (const g of grams) if (flat.includes(g)) hits++;
  return grams.size === 0 ? 0 : hits / grams.size;
}

/**
 * The section and sentence a target's content most likely came from, or null when nothing matches well
 * enough (the content was rewritten, or is empty as target 13 of the seed is).
 */
export function locateInReport(content: string, sections: ReportSection[], threshold = 0.35): { code: string; sentence: string } | null {
  const grams = trigrams(content);
  if (grams.size === 0) return null;
  let best: { code: string; score: number; text: string } | null = null;
  for (const s of sections) {
    const score = overlap(grams, s.text);
    if (!best || score > best.score) best = { code: s.code, score, text: s.text };
  }
  if (!best || best.score < threshold) return null;
  let sentence = '';
  let sentenceScore = -1;
  for (const candidate of best.text.split(/(?<=[。；;])/)) {
    const score = overlap(grams, candidate);
    if (score > sentenceScore) {
      sentence = candidate.trim();
      sentenceScore = score;
    }
  }
  return { code: best.code, sentence };
}

/**
 * The clause a target came from, at clause level (the indicator, the project, the 一是 item's sentence or a
 * clause of it) when the plan has its report's text; the importer prefers it to locateInReport.
 */
export function reportLocator(reportText: string): ((content: string) => { code: string; sentence: string } | null) | null {
  if (reportText.trim() === '') return null;
  const s = structureOf(reportText);
  const linker = createLinker(s.text, s.commitments);
  return (content) => {
    const hit = linker.link(content);
    return hit && hit.score >= LINK_THRESHOLD ? { code: hit.code, sentence: hit.text } : null;
  };
}

/** Below this Dice score a clause is not taken as a target's source without a person confirming it. */
export const LINK_THRESHOLD = 0.4;
