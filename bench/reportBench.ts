/**
 * The work report (issue 15): segmentation and candidate extraction of the seed report, linking 200 targets
 * to it, and a 60-page .docx imported through the service, each with a baseline from the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { startCore } from '../electron/host/app';
import { createLinker } from '../electron/services/report/link';
import { segmentWorkReport } from '../electron/services/report/segment';
import { similarity } from '../electron/services/text';
import { parseRequest } from '../shared/validate';
import { docxOf } from '../tests/helpers/docx';
import { measure, percentile, type Stat } from './stats';
import { rng } from './synthetic';

/** A page of an official document: 22 lines of 28 characters (仿宋 三号 on A4). */
export const CHARS_PER_PAGE = 22 * 28;

export interface ReportFigures {
  chars: number;
  segment: Stat;
  sectionsOnly: Stat;
  link200: Stat;
  locate200: Stat;
  docxPages: number;
  docxImport: Stat;
  mammothOnly: Stat;
  /** report.candidates of a seed-size report, suggestions read against 200 targets of the year before. */
  candidates: Stat;
}

/** 200 target contents as an office writes them: clauses of the report, cut, joined, lightly reworded. */
function targetsFrom(text: string, count: number): string[] {
  const s = segmentWorkReport(text);
  const random = rng(15);
  const out: string[] = [];
  while (out.length < count) {
    const c = s.commitments[Math.floor(random() * s.commitments.length)]!;
    const clauses = c.text.replace(/[。；;]$/, '').split(/[,，]/);
    const from = Math.floor(random() * clauses.length);
    const take = 1 + Math.floor(random() * 2);
    let content = clauses.slice(from, from + take).join(',').replace(/\s+/g, '');
    if (random() < 0.3) content = content.replace(/加快/g, '持续').replace(/推进/g, '推动');
    if (random() < 0.1) content = '全面推动新型智慧城市四星级试点建设工作';
    out.push(content);
  }
  return out;
}

async function timedAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<Stat> {
  await fn(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function measureReport(seedText: string): Promise<ReportFigures> {
  const segment = measure(20, () => segmentWorkReport(seedText));
  // Baseline: the least any reading does, cutting the text into sentences.
  const sectionsOnly = measure(20, () => seedText.split(/\n+/).flatMap((p) => p.split(/(?<=[。；;！？])/)));

  const contents = targetsFrom(seedText, 200);
  const s = segmentWorkReport(seedText);
  const link200 = measure(7, () => {
    const linker = createLinker(s.text, s.commitments);
    for (const c of contents) linker.link(c);
  });
  // Baseline: one similarity per target and commitment, the sentence level without the clause search.
  const locate200 = measure(7, () => {
    for (const c of contents) for (const k of s.commitments) similarity(c, k.text);
  });

  // A 60-page report: the seed's text repeated until it fills 60 pages.
  let long = seedText;
  while (long.length < 60 * CHARS_PER_PAGE) long += `\n${seedText}`;
  const docx = await docxOf(long);
  const data = docx.toString('base64');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-report-bench-'));
  const core = await startCore({ storePath: path.join(dir, 'report.sqlite') });
  const handler = core.handlers['report.import'];
  const docxImport = await timedAsync(5, (i) => Promise.resolve(handler(parseRequest('report.import', { year: 2030 + i + 1, name: '报告.docx', data }))));
  const mammothOnly = await timedAsync(5, () => mammoth.extractRawText({ buffer: docx }));
  const call = (method: string, payload: unknown) => (core.handlers[method as 'report.candidates'] as (input: unknown) => unknown)(parseRequest(method as 'report.candidates', payload));
  call('plans.create', { year: 2028 });
  contents.forEach((content, i) => call('targets.create', { year: 2028, serial: i + 1, content, assignments: [{ leaders: ['聂元科'], leadUnits: [`市单位${i % 60}`], cooperatingUnits: [] }] }));
  // Awaited: the import takes a verified backup of the store first.
  await call('report.import', { year: 2029, text: seedText });
  const candidates = measure(10, () => call('report.candidates', { year: 2029 }));
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { chars: seedText.length, segment, sectionsOnly, link200, locate200, docxPages: Math.floor(long.length / CHARS_PER_PAGE), docxImport, mammothOnly, candidates };
}
