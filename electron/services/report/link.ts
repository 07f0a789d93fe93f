/**
 * Finds the clause of the work report a target was decomposed from: first the commitment (indicator,
 * project, sentence) holding most of the target's wording, then, inside it, the run of clauses that
 * matches the target best. Targets often take one clause of a sentence (21 and 22 of the seed take one
 * city each from an enumeration), so the run is cut at commas and 、 as well as at full stops.
 */
import { comparable, trigrams } from '../text';
import type { Commitment, TextSpan } from './segment';

export interface ReportLink extends TextSpan {
  commitmentKey: string;
  code: string;
  /** The span's wording as published. */
  text: string;
  /** Dice coefficient of the target's and the span's trigrams, 0–1: the figure thresholds compare. */
  score: number;
}

interface Token extends TextSpan {
  grams: Set<string>;
}

interface PreparedCommitment {
  c: Commitment;
  grams: Set<string>;
  clauses: Token[];
  members: Token[];
}

/** Clause cuts inside a commitment; the cut punctuation stays outside the span. */
const CLAUSE_CUT = /[,，;；:：。！？!?]/;
/** Finer cuts: the members of an enumeration (全国文明城市、国家卫生城市、…). */
const MEMBER_CUT = /[,，;；:：、。！？!?]/;
/**
 * A member of an enumeration wins over the whole clause only by this margin: "能源基础设施完成投资20亿元"
 * belongs to its whole clause (the amounts are listed after the members), a city of a list of six does not.
 */
const MEMBER_MARGIN = 0.15;

export interface Linker {
  link(content: string): ReportLink | null;
}

function tokensOf(text: string, c: Commitment, cut: RegExp): Token[] {
  const out: Token[] = [];
  let start = c.start;
  for (let i = c.start; i <= c.end; i++) {
    if (i === c.end || cut.test(text[i]!)) {
      let a = start;
      let b = i;
      while (a < b && /\s/.test(text[a]!)) a++;
      while (b > a && /\s/.test(text[b - 1]!)) b--;
      if (b > a) out.push({ start: a, end: b, grams: trigrams(text.slice(a, b)) });
      start = i + 1;
    }
  }
  return out;
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (big.has(g)) n++;
  return n;
}

/**
 * Trigrams of a run are those of its joined wording, not the union of its tokens': the grams that straddle
 * a comma count, as they do in the target's own text.
 */
function runGrams(text: string, from: Token, to: Token): Set<string> {
  return trigrams(text.slice(from.start, to.end));
}

export function createLinker(text: string, commitments: readonly Commitment[], minCoverage = 0.3): Linker {
  const prepared: PreparedCommitment[] = commitments.map((c) => ({ c, grams: trigrams(c.text), clauses: tokensOf(text, c, CLAUSE_CUT), members: tokensOf(text, c, MEMBER_CUT) }));
  const bestRun = (grams: Set<string>, c: Commitment, tokens: Token[], best: ReportLink | null): ReportLink | null => {
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const g = runGrams(text, tokens[i]!, tokens[j]!);
        const score = (2 * shared(grams, g)) / (grams.size + g.size);
        if (!best || score > best.score + 1e-9) {
          const start = tokens[i]!.start;
          const end = tokens[j]!.end;
          best = { start, end, commitmentKey: c.key, code: c.code, text: text.slice(start, end).replace(/\s*\n\s*/g, ''), score };
        }
      }
    }
    return best;
  };
  return {
    link(content: string): ReportLink | null {
      if (comparable(content).length < 4) return null;
      const grams = trigrams(content);
      // The commitments holding most of the target's wording; the best few are searched for a clause run.
      const ranked = prepared
        .map((p) => ({ p, coverage: shared(grams, p.grams) / grams.size }))
        .filter((r) => r.coverage >= minCoverage)
        .sort((a, b) => b.coverage - a.coverage)
        .slice(0, 3);
      let clause: ReportLink | null = null;
      let member: ReportLink | null = null;
      for (const { p } of ranked) {
        clause = bestRun(grams, p.c, p.clauses, clause);
        member = bestRun(grams, p.c, p.members, member);
      }
      const best = member && clause && member.score >= clause.score + MEMBER_MARGIN ? member : clause;
      return best;
    },
  };
}
