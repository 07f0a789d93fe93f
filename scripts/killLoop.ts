/**
 * Crash safety under SIGKILL: a child process imports a large workbook into a store, or takes a backup of
 * it, and is killed at a random moment of that work. After every kill the store must pass integrity_check
 * and hold either all of the import batch or none of it, and no half-written backup may be listed as good.
 *
 * Shared by `scripts/stress-kill.ts` (hundreds of kills) and `tests/db/kill.test.ts` (a few).
 *
 * The child is bundled with esbuild once per run: on 2 cores `node child.cjs` starts in ~0.6 s where
 * `node --import tsx` takes ~1.5 s and `npx tsx` ~1.8 s. It prints `ready` once its modules are loaded and
 * the workbook is parsed, and the kill is timed from then, uniformly over the work's measured duration
 * (plus a margin, so that some runs finish and the end of the work is covered too).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { writeOverviewFile } from '../bench/overviewFile';
import { rng } from '../bench/synthetic';
import { listBackups, PARTIAL_SUFFIX, removeStalePartials, rotateBackups, type BackupListing } from '../electron/db/backup';
import { checkStore } from '../electron/db/integrity';
import { COMPANIONS, withReadonly } from '../electron/db/storeFiles';
import { startCore } from '../electron/host/app';

const ROOT = path.resolve(__dirname, '..');

export type KillMode = 'import' | 'backup';

export interface KillLoopOptions {
  /** How many children to kill (runs that finish before their kill are counted apart). */
  kills: number;
  /** Targets in the generated workbook (each with 1 or 2 lines). */
  targets?: number;
  modes?: readonly KillMode[];
  seed?: number;
  /** Kill no later than this multiple of the work's measured duration after `ready` (1.3: the end of the
   * work, commit and checkpoint on close included, is well covered, and some runs finish). */
  window?: number;
  log?: (line: string) => void;
  /** Keep the working folder (stores, backups) for inspection. */
  keep?: boolean;
}

export interface KillFigures {
  kills: number;
  importKills: number;
  backupKills: number;
  /** Children that finished before their kill. */
  completed: number;
  /** Unkilled runs that re-measure the work's duration. */
  samples: number;
  /** Import kills aimed after the commit, while the store is being closed (WAL checkpoint). */
  importKillsAimedAtClose: number;
  /** Stores failing integrity_check or quick_check after a kill. */
  damagedStores: number;
  /** Stores holding part of an import batch (row counts neither before nor after, or a batch without its rows). */
  partialBatches: number;
  /** Backups listed as good by listBackups whose contents are not the store's, or final-named yet damaged. */
  partialBackups: number;
  /** Outcomes of killed imports: nothing written / the whole batch. */
  importNone: number;
  importAll: number;
  /** Temporary files of killed backups found (never listed; removed by rotation). */
  leftoverTempFiles: number;
  backupsVerified: number;
  childFailures: number;
  problems: string[];
  /** Medians: spawn to `ready` (Node start, module loading, and for an import the parse) and `ready` to `done`. */
  timings: { bundleMs: number; importReadyMs: number; backupReadyMs: number; importWorkMs: number; importCloseMs: number; backupWorkMs: number; totalMs: number };
}

type Counts = Record<string, number>;

/** The tables an import writes, the search indexes included: all of them move together or not at all. */
const COUNTED = ['plans', 'targets', 'assignments', 'assignment_leaders', 'assignment_units', 'progress_reports', 'change_log', 'import_batches', 'target_search', 'progress_search'];

function countRows(store: string): Counts {
  return withReadonly(store, (db) => Object.fromEntries(COUNTED.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])));
}

const same = (a: Counts, b: Counts): boolean => COUNTED.every((t) => a[t] === b[t]);

function integrity(store: string): string[] {
  return withReadonly(store, (db) => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok'));
}

function removeStore(store: string): void {
  for (const f of [store, ...COMPANIONS.map((c) => `${store}${c}`)]) fs.rmSync(f, { force: true });
}

function resetStore(base: string, store: string): void {
  removeStore(store);
  fs.copyFileSync(base, store);
}

async function bundleChild(outDir: string): Promise<string> {
  // Inside the project's node_modules so that the bundle's require('better-sqlite3') resolves.
  const out = path.join(outDir, `child-${process.pid}-${Date.now()}.cjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'scripts/killChild.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return out;
}

/** Lines the child prints as it goes: `committed` only for an import, once its transaction is committed. */
type Marker = 'ready' | 'committed' | 'done';

interface ChildRun {
  killed: boolean;
  code: number | null;
  /** When each marker arrived, in ms after the spawn. */
  at: Partial<Record<Marker, number>>;
  stderr: string;
}

/** Runs the child and, unless `kill` is null, SIGKILLs it `kill.delay` ms after it prints `kill.after`. */
function runChild(bundle: string, args: string[], kill: { after: Marker; delay: number } | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const at: Partial<Record<Marker, number>> = {};
    let timer: NodeJS.Timeout | undefined;
    const child = spawn(process.execPath, [bundle, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      for (const marker of ['ready', 'committed', 'done'] as const) {
        if (at[marker] !== undefined || !new RegExp(`^${marker}\\b`, 'm').test(stdout)) continue;
        at[marker] = performance.now() - started;
        if (kill?.after === marker) timer = setTimeout(() => child.kill('SIGKILL'), kill.delay);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code, at, stderr });
    });
  });
}

const span = (run: ChildRun, from: Marker, to: Marker): number | null => {
  const a = run.at[from];
  const b = run.at[to];
  return a !== undefined && b !== undefined ? b - a : null;
};

const SAMPLE_EVERY = 10;
const CLOSE_SHARE = 0.3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function runKillLoop(options: KillLoopOptions): Promise<KillFigures> {
  const began = performance.now();
  const log = options.log ?? (() => undefined);
  const modes = options.modes ?? ['import', 'backup'];
  const random = rng(options.seed ?? 20261123);
  const window = options.window ?? 1.3;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-kill-'));
  const cacheDir = path.join(ROOT, 'node_modules/.cache/ducha-kill');
  fs.mkdirSync(cacheDir, { recursive: true });
  const figures: KillFigures = {
    kills: 0, importKills: 0, backupKills: 0, completed: 0, samples: 0, importKillsAimedAtClose: 0, damagedStores: 0, partialBatches: 0, partialBackups: 0,
    importNone: 0, importAll: 0, leftoverTempFiles: 0, backupsVerified: 0, childFailures: 0, problems: [],
    timings: { bundleMs: 0, importReadyMs: 0, backupReadyMs: 0, importWorkMs: 0, importCloseMs: 0, backupWorkMs: 0, totalMs: 0 },
  };
  let bundle = '';
  try {
    const workbook = path.join(work, '一览表.xlsx');
    const base = path.join(work, 'base.sqlite');
    const store = path.join(work, 'store.sqlite');
    const backups = path.join(work, 'backups');
    const { lines } = await writeOverviewFile(workbook, options.targets ?? 3000);
    // The sample data set as the starting point, checkpointed into one file by closing it.
    (await startCore({ storePath: base, seedIfEmpty: true })).close();
    const t0 = performance.now();
    bundle = await bundleChild(cacheDir);
    figures.timings.bundleMs = Math.round(performance.now() - t0);

    // Calibration: one full run of each kind, unkilled, gives the "after" state and the work's duration.
    const before = countRows(base);
    resetStore(base, store);
    const calImport = await runChild(bundle, ['import', store, workbook], null);
    if (calImport.code !== 0 || span(calImport, 'ready', 'done') === null) throw new Error(`calibration import failed: ${calImport.stderr}`);
    const after = countRows(store);
    if (same(before, after)) throw new Error('calibration import wrote nothing');
    const calBackup = await runChild(bundle, ['backup', store, backups], null);
    if (calBackup.code !== 0 || span(calBackup, 'ready', 'done') === null) throw new Error(`calibration backup failed: ${calBackup.stderr}`);
    // How long the work takes drifts with the machine's load, and a stale estimate would aim every kill
    // before the commit, or after the end. So an unkilled run every SAMPLE_EVERY runs of a kind re-measures
    // it, and kills are aimed by the median of the latest samples. Runs that happen to finish before their
    // kill are not used: they are the short ones, and would shrink the window.
    const samples = {
      import: [span(calImport, 'ready', 'done')!],
      // From the commit to the end: closing the store, which checkpoints the WAL into the store file.
      importClose: [span(calImport, 'committed', 'done') ?? 0],
      backup: [span(calBackup, 'ready', 'done')!],
    };
    const sinceSample: Record<KillMode, number> = { import: 0, backup: 0 };
    log(`workbook: ${options.targets ?? 3000} targets, ${lines} lines; calibration: import ${Math.round(samples.import[0]!)} ms (of which closing ${Math.round(samples.importClose[0]!)} ms), backup ${Math.round(samples.backup[0]!)} ms after ready`);
    resetStore(base, store);
    rotateBackups(backups, { keepLast: 0, keepMonthly: 0 });
    let state: Counts = before;
    const ready: Record<KillMode, number[]> = { import: [calImport.at.ready!], backup: [calBackup.at.ready!] };
    const seen = new Set<string>();
    const recent = (xs: number[]): number => median(xs.slice(-5));

    while (figures.kills < options.kills) {
      const mode = modes[Math.floor(random() * modes.length)]!;
      const sample = ++sinceSample[mode] >= SAMPLE_EVERY;
      if (sample) sinceSample[mode] = 0;
      // A share of the import kills is aimed after the commit, at the checkpoint that rewrites the store
      // file: a short moment that kills spread over the whole import would rarely hit.
      const atClose = mode === 'import' && random() < CLOSE_SHARE;
      const aim = atClose
        ? { after: 'committed' as const, delay: random() * recent(samples.importClose) * window }
        : { after: 'ready' as const, delay: random() * recent(samples[mode]) * window };
      const run = await runChild(bundle, mode === 'import' ? ['import', store, workbook] : ['backup', store, backups], sample ? null : aim);
      if (run.at.ready !== undefined) ready[mode].push(run.at.ready);
      const label = `#${figures.kills + figures.completed + figures.samples + 1} ${mode} ${sample ? 'unkilled' : `kill ${Math.round(aim.delay)} ms after ${aim.after}`}`;
      if (run.killed) {
        figures.kills++;
        if (mode === 'import') figures.importKills++;
        else figures.backupKills++;
        if (atClose) figures.importKillsAimedAtClose++;
      } else if (run.code === 0) {
        if (sample) {
          figures.samples++;
          samples[mode].push(span(run, 'ready', 'done')!);
          if (mode === 'import') samples.importClose.push(span(run, 'committed', 'done') ?? 0);
        } else {
          figures.completed++;
        }
      } else {
        figures.childFailures++;
        figures.problems.push(`${label}: child failed (${run.code}): ${run.stderr.slice(0, 500)}`);
      }

      const damage = integrity(store);
      const quick = checkStore(store);
      if (damage.length > 0 || !quick.ok) {
        figures.damagedStores++;
        figures.problems.push(`${label}: store damaged: ${damage.join('; ') || (quick.ok ? '' : quick.reason)}`);
        resetStore(base, store);
        state = before;
        continue;
      }
      const now = countRows(store);
      if (mode === 'import') {
        if (same(now, before)) {
          if (run.killed) figures.importNone++;
          else if (run.code === 0) figures.problems.push(`${label}: import reported done but wrote nothing`);
        } else if (same(now, after)) {
          if (run.killed) figures.importAll++;
        } else {
          figures.partialBatches++;
          figures.problems.push(`${label}: partial batch: ${JSON.stringify(now)} (before ${JSON.stringify(before)}, after ${JSON.stringify(after)})`);
        }
        // Back to "before" for the next run; a store left as it was keeps the torn WAL of the killed child,
        // so that the next child starts by recovering from it.
        if (!same(now, before)) resetStore(base, store);
        state = before;
      } else {
        if (!same(now, state)) figures.problems.push(`${label}: a backup changed the store's rows`);
        const listed: BackupListing[] = listBackups(backups);
        for (const b of listed) {
          if (seen.has(b.name)) continue;
          seen.add(b.name);
          if (b.damaged) {
            figures.partialBackups++;
            figures.problems.push(`${label}: backup listed but damaged: ${b.name}: ${b.problem}`);
            continue;
          }
          const held = withReadonly(b.file, (db) => Object.fromEntries(COUNTED.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])));
          if (!same(held, state)) {
            figures.partialBackups++;
            figures.problems.push(`${label}: backup ${b.name} holds ${JSON.stringify(held)}, store ${JSON.stringify(state)}`);
          } else {
            figures.backupsVerified++;
          }
        }
        const temps = fs.readdirSync(backups).filter((n) => n.includes(PARTIAL_SUFFIX));
        figures.leftoverTempFiles += temps.filter((n) => n.endsWith(PARTIAL_SUFFIX)).length;
        removeStalePartials(backups, new Date(), 0);
        rotateBackups(backups, { keepLast: 3, keepMonthly: 0 });
      }
      if (run.killed && figures.kills % 20 === 0) log(`${figures.kills} kills, ${figures.completed + figures.samples} runs finished, ${figures.problems.length} problems`);
    }
    figures.timings.importReadyMs = Math.round(median(ready.import));
    figures.timings.backupReadyMs = Math.round(median(ready.backup));
    figures.timings.importWorkMs = Math.round(median(samples.import));
    figures.timings.importCloseMs = Math.round(median(samples.importClose));
    figures.timings.backupWorkMs = Math.round(median(samples.backup));
    return figures;
  } finally {
    figures.timings.totalMs = Math.round(performance.now() - began);
    if (bundle) fs.rmSync(bundle, { force: true });
    if (options.keep) log(`working folder kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}
