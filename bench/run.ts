/**
 * npm run bench: figures for the goals of the issues, each next to a baseline measured in the same run.
 * Prints a table and writes .bench/results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../electron/host/app';
import { parseRequest } from '../shared/validate';
import { searchTargetIds, searchTargetIdsByScan } from '../electron/db/repos/search';
import { loadTargets } from '../electron/db/repos/targets';
import { fillSynthetic, rng } from './synthetic';
import { measure, ms, type Stat } from './stats';
import { measureFirstRows } from './renderer';
import { baselineName, IMPORT_FILES, importGoals, importLines, measureImport } from './importBench';
import { measureExport } from './exportBench';
import { measureReview, measureWarmReview } from './reviewBench';
import { WARM_PACE } from '../electron/services/review';
import { measureBackup } from './backupBench';
import { measureCli } from './cliBench';
import { describePayload } from './payloadBench';
import { measureReport } from './reportBench';
import { measureWrites } from './writesBench';
import { measureReturns } from './returnsBench';
import { measureBulletin } from './bulletinBench';
import { measureAssessment } from './assessBench';

const TARGETS = Number(process.env.BENCH_TARGETS ?? 5000);

interface Row {
  name: string;
  stat: Stat;
  baseline?: { name: string; stat: Stat };
  goal?: string;
}

function queriesFrom(texts: string[], count: number): string[] {
  const random = rng(11);
  const out: string[] = [];
  while (out.length < count) {
    const text = texts[Math.floor(random() * texts.length)]!.replace(/[\s\p{P}（）第项\d]/gu, '');
    if (text.length < 8) continue;
    const len = 3 + Math.floor(random() * 4);
    const at = Math.floor(random() * (text.length - len));
    out.push(text.slice(at, at + len));
  }
  return out;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-'));
  const storePath = path.join(dir, 'bench.sqlite');
  const core = await startCore({ storePath });
  const { year, lines, reports } = fillSynthetic(core.db, { targets: TARGETS });
  const planId = (core.db.prepare('SELECT id FROM plans WHERE year = ?').get(year) as { id: number }).id;
  console.log(`合成数据：${TARGETS} 项责任目标，${lines} 条分工，${reports} 条季度进展（${os.cpus().length} 核，Node ${process.version}）\n`);

  const contents = (core.db.prepare('SELECT content FROM targets').all() as { content: string }[]).map((r) => r.content);
  const queries = queriesFrom(contents, 60);
  const shortQueries = ['粮', '园区', '项目', '推进'];
  // The service's handlers, called as the hosts call them minus the async hop: measured is the work itself.
  const call = (method: string, payload: unknown) => {
    const handler = core.handlers[method as 'overview.get'] as (input: unknown) => unknown;
    return handler(parseRequest(method as 'overview.get', payload));
  };

  const rows: Row[] = [];
  rows.push({
    name: 'search (FTS5 trigram, 3–6 chars)',
    stat: measure(queries.length * 3, (i) => searchTargetIds(core.db, queries[i % queries.length]!)),
    baseline: { name: 'LIKE scan', stat: measure(queries.length, (i) => searchTargetIdsByScan(core.db, planId, queries[i % queries.length]!)) },
    goal: 'p95 < 10 ms, ≥ 10× faster than LIKE',
  });
  rows.push({ name: 'search (1–2 chars, LIKE fallback)', stat: measure(40, (i) => searchTargetIds(core.db, shortQueries[i % shortQueries.length]!)) });
  const cold = { name: 'load from store', stat: measure(15, () => loadTargets(core.db, { planId }, 3)) };
  rows.push({ name: 'overview.get, all targets', stat: measure(30, () => call('overview.get', { year, quarter: 3 })), baseline: cold });
  rows.push({ name: 'overview.get, filter by leader', stat: measure(30, () => call('overview.get', { year, quarter: 3, filter: { leader: '聂元科' } })), baseline: cold });
  rows.push({ name: 'overview.get, filter by unit', stat: measure(30, () => call('overview.get', { year, quarter: 3, filter: { unit: '市财政局' } })) });
  rows.push({ name: 'overview.get, not on schedule', stat: measure(30, () => call('overview.get', { year, quarter: 3, filter: { onSchedule: 'no' } })) });
  rows.push({ name: 'overview.get, search', stat: measure(30, (i) => call('overview.get', { year, quarter: 3, filter: { query: queries[i % queries.length]! } })) });
  const review = measureReview(core.db, year, 4);
  const rowByRow = { name: 'statuses recomputed row by row', stat: review.rowByRow };
  rows.push({ name: 'review dashboard after an edit (Q4, with Q3 for the change)', stat: review.afterEdit, baseline: rowByRow, goal: 'p95 < 100 ms, ≥ 5× faster' });
  rows.push({ name: 'review dashboard, computed afresh (no review kept)', stat: review.cold, baseline: rowByRow });
  const warm = await measureWarmReview(storePath, year, 4);
  rows.push({ name: 'review dashboard, first of a session: opened after the overview (warmed in the background)', stat: warm.first, baseline: { name: 'computed afresh', stat: review.cold }, goal: '< 300 ms' });
  rows.push({ name: 'longest event-loop stall while the review warms (overview answered → warmed: see below)', stat: warm.stall, goal: 'the app keeps answering' });
  const bulletin = await measureBulletin(core.db, year, 3);
  rows.push({ name: `督查通报 .docx of ${TARGETS} targets (${bulletin.lagging} lagging listed), review afresh`, stat: bulletin.fresh, baseline: { name: 'one overview export', stat: bulletin.overview }, goal: '< 2 s' });
  rows.push({ name: '督查通报 .docx, review as the dashboard left it', stat: bulletin.cached, baseline: { name: 'one overview export', stat: bulletin.overview } });
  const assess = measureAssessment(core.db, year);
  rows.push({ name: `year-end assessment of a year (${assess.units} units, ${assess.events} events from four quarters)`, stat: assess.assessment, baseline: { name: 'one cold Q4 review', stat: assess.coldReview }, goal: '< 1 s' });
  const backup = await measureBackup(core.db);
  rows.push({ name: `backup of the ${backup.sizeMb.toFixed(1)} MB store (online copy + integrity_check + fsync)`, stat: backup.backup, baseline: { name: 'plain file copy', stat: backup.fileCopy }, goal: '< 1 s' });
  rows.push({ name: 'longest event-loop stall during a backup', stat: backup.stall, goal: 'the app keeps answering' });
  const writes = measureWrites(core, year, planId);
  rows.push({ name: 'progress.save on an older version (two windows: the target as it was, from the change log)', stat: writes.saveOlder, baseline: { name: 'on the current version', stat: writes.saveCurrent } });
  rows.push({ name: 'published quarter compared with its publication (every export of it)', stat: writes.publicationCheck, baseline: { name: 'loading the quarter', stat: writes.loadQuarter } });
  rows.push({ name: 'the same for a lock of an older version (no fingerprint: from the change log)', stat: writes.legacyCheck, baseline: { name: 'loading the quarter', stat: writes.loadQuarter } });
  core.close();

  // CLI: a process per command, built (dist/cli) against the same through tsx.
  const cli = await measureCli(storePath);
  rows.push({ name: 'CLI start (--help, built)', stat: cli.start, baseline: { name: 'through tsx', stat: cli.startTsx }, goal: '< 500 ms' });
  rows.push({ name: `CLI list --json of ${TARGETS} targets piped into a JSON parser`, stat: cli.list, baseline: { name: 'through tsx', stat: cli.listTsx }, goal: 'arrives whole' });

  const render = await measureFirstRows(storePath, year).catch((err: unknown) => {
    console.log(`（界面测量未完成：${err instanceof Error ? err.message : String(err)}）`);
    return null;
  });
  if (render) rows.push({ name: 'first rows drawn after data arrives (Chromium)', stat: render.firstRows, goal: '< 300 ms' });
  if (render) rows.push({ name: 'filter keystroke → rows redrawn (Chromium)', stat: render.filterRedraw });

  const memory: string[] = [];
  // Through the built CLI, beyond its start-up: the merged table (where exceljs is quadratic), a merge-free
  // one as openpyxl and as LibreOffice write it, the .xls and the .docx (issues 13 and 18).
  for (const options of IMPORT_FILES) {
    const imp = await measureImport(TARGETS, 3, options);
    rows.push({
      name: `import ${imp.targets} targets / ${imp.lines} lines (${imp.fileMb.toFixed(1)} MB, ${imp.writer}), CLI import --json beyond start-up`,
      stat: imp.product.time,
      baseline: { name: `${baselineName(imp)} alone`, stat: imp.exceljs.time },
      goal: importGoals(imp)?.time,
    });
    memory.push(`import (${imp.writer}) ${importLines(imp)[1]!.trim()}`);
  }
  if (process.env.BENCH_LARGE) {
    const large = await measureImport(Number(process.env.BENCH_LARGE), 1);
    rows.push({ name: `import ${large.targets} targets / ${large.lines} lines (${large.fileMb.toFixed(1)} MB)`, stat: large.product.time, baseline: { name: 'exceljs load alone', stat: large.exceljs.time } });
    console.log(`large import peak memory ${large.product.peakMb.toFixed(0)} MB vs exceljs ${large.exceljs.peakMb.toFixed(0)} MB`);
  }

  const exp = await measureExport(TARGETS);
  rows.push({
    name: `export overview, ${exp.targets} targets / ${exp.lines} lines (${(exp.bytes.overview / 1e6).toFixed(1)} MB), write + writeBuffer`,
    stat: exp.overview,
    baseline: { name: 'exceljs, same values, no styling', stat: exp.plain },
    goal: '≤ 1.5× exceljs',
  });
  rows.push({
    name: `export templates, ${exp.units} units over the same lines (${(exp.bytes.templates / 1e6).toFixed(1)} MB in all)`,
    stat: exp.templates,
    baseline: { name: 'one overview of the same lines', stat: exp.overviewForTemplates },
    goal: '< 1.5× one overview',
  });

  // work report
  const report = await measureReport(fs.readFileSync(path.resolve(__dirname, '../seeds/2023-政府工作报告.txt'), 'utf8'));
  rows.push({
    name: `work report: segmentation + candidates of the seed report (${report.chars} chars)`,
    stat: report.segment,
    baseline: { name: 'sentence split alone', stat: report.sectionsOnly },
    goal: '< 200 ms',
  });
  rows.push({ name: 'work report: report.candidates of the seed report, units suggested from 200 targets of the year before', stat: report.candidates, goal: '< 200 ms' });
  rows.push({ name: 'work report: linking 200 targets to their clauses', stat: report.link200, baseline: { name: 'one similarity per target × commitment', stat: report.locate200 }, goal: '< 1 s' });
  rows.push({ name: `work report: ${report.docxPages}-page .docx imported (read, segment, store, candidates)`, stat: report.docxImport, baseline: { name: 'mammoth text extraction alone', stat: report.mammothOnly }, goal: '< 2 s' });
  // Returns from units: 60 units' returned templates at once, and the backup list of a 200 MB store.
  const ret = await measureReturns(TARGETS);
  rows.push({
    name: `${ret.templates} returned templates at once over ${TARGETS} targets / ${ret.lines} lines, preview + apply (${ret.cooperatingReturns} cooperating returns kept)`,
    stat: ret.import,
    baseline: { name: 'exceljs load of the same files alone', stat: ret.exceljs },
    goal: '< 10 s, same lines whatever the file order',
  });
  rows.push({ name: `backup list, ${ret.backups} backups of a ${ret.storeMb.toFixed(0)} MB store, first listing`, stat: ret.listCold, baseline: { name: 'integrity_check of each (the old listing)', stat: ret.verifyAll } });
  rows.push({ name: 'backup list, again (unchanged files are not read again)', stat: ret.listWarm, baseline: { name: 'integrity_check of each', stat: ret.verifyAll } });
  const order = `returned templates in reverse order: ${ret.sameWhateverOrder ? 'the same list --json' : 'A DIFFERENT list --json'}; conflicts ${ret.conflicts}`;

  console.log('| measure | p50 | p95 | baseline p50 / p95 | ratio (baseline p50 / p50) | goal |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const base = r.baseline ? `${r.baseline.name}: ${ms(r.baseline.stat.p50)} / ${ms(r.baseline.stat.p95)}` : '';
    const ratio = r.baseline ? `${(r.baseline.stat.p50 / r.stat.p50).toFixed(1)}×` : '';
    console.log(`| ${r.name} | ${ms(r.stat.p50)} | ${ms(r.stat.p95)} | ${base} | ${ratio} | ${r.goal ?? ''} |`);
  }
  console.log(`\n${memory.join('\n')}`);
  console.log(`review warm-up after the overview: ${ms(warm.warmUp.p50)} p50, ${ms(warm.warmUp.p95)} p95 (beginning ${WARM_PACE.delayMs} ms after the overview)`);
  try {
    console.log(await describePayload());
  } catch (err) {
    console.log(`（安装包体积未测量：${err instanceof Error ? err.message : String(err)}）`);
  }
  console.log(order);
  console.log('(ratio = baseline p50 / p50: above 1 is faster than the baseline; the import goal "≤ 1.3× exceljs" means a ratio of at least 0.77, the export goals "≤ 1.5×" and "< 1.5×" one above 0.67)');
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync('.bench/results.json', JSON.stringify({ targets: TARGETS, lines, reports, rows, returns: { sameWhateverOrder: ret.sameWhateverOrder, conflicts: ret.conflicts } }, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
