/**
 * One fuzzing worker (a child process of runFuzz): a seeded store of its own, then, per index the runner
 * sends, the input rebuilt from (seed, index), previewed through the service API and sometimes applied,
 * with the store's state compared before and after. Started with `node --import tsx`.
 */
import crypto from 'node:crypto';
import { startCore, type AppCore } from '../../electron/host/app';
import { methods } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { loadCorpus, makeInput, unclearError, type BaseWorkbook, type CallOutcome, type FuzzInput, type InputReport } from './fuzz';

interface Config {
  seed: number;
  storePath: string;
  applyRate: number;
  timeoutMs: number;
  mutators?: string[];
}

interface StoreState {
  /** Rows changed on this connection since it opened: a preview must not move it at all. */
  changes: number;
  /** Every table's rows, hashed: what a refused apply must leave as it was. */
  hash: string;
  batches: number;
  lastChange: number;
}

function storeState(core: AppCore): StoreState {
  const db = core.db;
  const hash = crypto.createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    hash.update(`\u0000${t}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().iterate()) hash.update(JSON.stringify(row, (_, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v)));
  }
  return {
    changes: db.prepare('SELECT total_changes()').pluck().get() as number,
    hash: hash.digest('hex'),
    batches: db.prepare('SELECT count(*) FROM import_batches').pluck().get() as number,
    lastChange: db.prepare('SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number,
  };
}

async function timed(call: () => Promise<Result<unknown>>): Promise<{ result: Result<unknown>; ms: number }> {
  const t0 = performance.now();
  const result = await call();
  return { result, ms: performance.now() - t0 };
}

function outcome(result: Result<unknown>, ms: number): CallOutcome {
  return result.ok ? { ok: true, ms } : { ok: false, code: result.error.code, message: result.error.message, ms };
}

async function runOne(core: AppCore, input: FuzzInput, config: Config): Promise<InputReport> {
  const report: InputReport = { index: input.index, base: input.base, mutations: input.mutations, preview: null, apply: null, applied: null, problems: [] };
  const problem = (kind: InputReport['problems'][number]['kind'], detail: string) => report.problems.push({ kind, detail });
  const file = { name: input.name, data: input.bytes.toString('base64') };
  const judge = (what: string, o: CallOutcome) => {
    if (o.ms > config.timeoutMs) problem('hang', `${what} took ${Math.round(o.ms)} ms`);
    if (o.ok) return;
    if (o.code === 'internal') problem('crash', `${what}: ${o.message}`);
    const unclear = unclearError({ code: o.code!, message: o.message! }, input.name);
    if (unclear) problem('unclear', `${what} (${o.code}): ${unclear}`);
  };

  const before = storeState(core);
  const preview = await timed(() => core.call('import.preview', { files: [file] }));
  report.preview = outcome(preview.result, preview.ms);
  judge('preview', report.preview);
  const afterPreview = storeState(core);
  if (afterPreview.changes !== before.changes || afterPreview.hash !== before.hash) {
    problem('write', `preview changed the store (${afterPreview.changes - before.changes} row changes)`);
  }
  if (preview.result.ok) {
    const parsed = methods['import.preview'].output.safeParse(preview.result.value);
    if (!parsed.success) problem('bad-output', `preview output breaks the contract: ${parsed.error.message.slice(0, 400)}`);
  }
  if (!preview.result.ok || !input.apply) return report;

  const apply = await timed(() => core.call('import.apply', { files: [file] }));
  report.apply = outcome(apply.result, apply.ms);
  judge('apply', report.apply);
  const afterApply = storeState(core);
  if (!apply.result.ok) {
    report.applied = 'refused';
    if (afterApply.hash !== afterPreview.hash) problem('write', `a refused apply (${report.apply.code}) changed the store`);
    return report;
  }
  const batchId = (apply.result.value as { batch: { id: string } }).batch.id;
  const db = core.db;
  const batchRows = db.prepare('SELECT count(*) FROM import_batches WHERE id = ?').pluck().get(batchId) as number;
  const strays = db.prepare('SELECT count(*) FROM change_log WHERE id > ? AND (batch_id IS NULL OR batch_id <> ?)').pluck().get(afterPreview.lastChange, batchId) as number;
  if (afterApply.batches !== afterPreview.batches + 1 || batchRows !== 1 || strays !== 0) {
    problem('write', `apply did not write exactly one batch: ${afterApply.batches - afterPreview.batches} batches, ${strays} changes outside batch ${batchId}`);
  }
  report.applied = 'batch';
  const parsed = methods['import.apply'].output.safeParse(apply.result.value);
  if (!parsed.success) problem('bad-output', `apply output breaks the contract: ${parsed.error.message.slice(0, 400)}`);
  // Undone at once, so that the store stays the seeded one and input i does not depend on input i-1.
  const undo = await timed(() => core.call('import.undo', { batchId }));
  if (!undo.result.ok) problem('crash', `undo of batch ${batchId} failed (${undo.result.error.code}): ${undo.result.error.message}`);
  return report;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as Config;
  // dispatch() logs every unexpected exception; the report carries it, so the console need not.
  console.error = () => undefined;
  const corpus: BaseWorkbook[] = await loadCorpus();
  const core = await startCore({ storePath: config.storePath, seedIfEmpty: true });
  let current: number | null = null;
  const die = (err: unknown) => {
    // Written raw: console.error is silenced, and the runner reads stderr when a worker dies.
    process.stderr.write(`uncaught while on input ${current}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  };
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  process.on('message', (msg: { type: 'run'; index: number }) => {
    if (msg.type !== 'run') return;
    current = msg.index;
    void (async () => {
      const input = await makeInput(corpus, config.seed, msg.index, config.applyRate, config.mutators);
      const report = await runOne(core, input, config);
      current = null;
      process.send!({ type: 'report', report });
    })().catch(die);
  });
  process.on('disconnect', () => {
    core.close();
    process.exit(0);
  });
  process.send!({ type: 'ready' });
}

void main().catch((err: unknown) => {
  process.stderr.write(`fuzz worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(71);
});
