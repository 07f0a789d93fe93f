/**
 * The work report (政府工作报告) as the rest of the service sees it: the sections targets are placed in, and
 * the clause a target came from. Both read the one segmentation of electron/services/report/segment.ts.
 */
import { createLinker } from './report/link';
import { structureOf } from './report/segment';

export interface ReportSection {
  code: string;
  name: string;
  text: string;
}

/** The sections: 主要预期目标, the key-work sections （一）…（七）, 民生实事, and the government's own part. */
export function parseWorkReport(text: string): ReportSection[] {
  const s = structureOf(text);
  return s.codes.map(({ code, name }) => ({
    code,
    name,
    text: s.commitments
      .filter((c) => c.code === code)
      .map((c) => c.text)
      .join(''),
  }));
}

/** Below this Dice score a clause is not taken as a target's source without a person confirming it. */
export const LINK_THRESHOLD = 0.4;

/**
 * The clause a target came from (the indicator, the project, the 一是 item's sentence or a clause of it),
 * or null when the report has none close enough (the content was rewritten, or is empty as target 13 of
 * the seed is). Null when the plan has no report text.
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
