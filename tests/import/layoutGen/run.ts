/**
 * Draws layouts, writes them, imports each (preview, then apply into a real SQLite store in a temp folder)
 * and compares the store's `list --json` with the seed's. Used by tests/import/layouts-generated.test.ts
 * (a fixed seed, 500 layouts) and scripts/stress-layouts.ts (more). Plain Node: no vitest here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type AppCore } from '../../../electron/host/app';
import { loadTargets } from '../../../electron/db/repos/targets';
import { toListed, type ListedTarget } from '../../../electron/services/listJson';
import { drawLayout, type BookSpec } from './grammar';
import { writeBooks } from './writers';

const ROOT = path.resolve(__dirname, '../../..');
const SEED = path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx');

function listed(core: AppCore): ListedTarget[] {
  const plans = core.db.prepare('SELECT id FROM plans ORDER BY year').all() as { id: number }[];
  return plans.flatMap((p) => loadTargets(core.db, { planId: p.id }).map(toListed));
}

async function call<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  const r = await core.call(method as never, input as never);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function importInto(storePath: string, files: { name: string; data: string }[], period: BookSpec['period']): Promise<{ list: ListedTarget[]; notes: string[] }> {
  const core = await startCore({ storePath, seedIfEmpty: false });
  try {
    const preview = await call<{ notes: { message: string }[] }>(core, 'import.preview', { files, ...period });
    await call(core, 'import.apply', { files, ...period });
    return { list: listed(core), notes: preview.notes.map((n) => n.message) };
  } finally {
    core.close();
  }
}

export async function seedList(dir: string): Promise<ListedTarget[]> {
  const { list } = await importInto(path.join(dir, 'seed.sqlite'), [{ name: 'seed.xlsx', data: fs.readFileSync(SEED).toString('base64') }], {});
  return list;
}

export interface LayoutResult {
  name: string;
  features: string[];
  ok: boolean;
  /** What differed: the fields of the first targets that came out otherwise, or the error. */
  failure?: string;
  notes?: string[];
}

/** The fields that differ between what was imported and the seed, as short words for grouping. */
function differences(got: ListedTarget[], want: ListedTarget[]): string {
  if (got.length !== want.length) return `targets:${got.length}≠${want.length}`;
  const fields = new Set<string>();
  const examples: string[] = [];
  got.forEach((g, i) => {
    const w = want[i]!;
    for (const k of ['serial', 'content', 'deadline'] as const) if (g[k] !== w[k]) fields.add(k);
    if (g.assignments.length !== w.assignments.length) fields.add('lines');
    g.assignments.forEach((a, j) => {
      const b = w.assignments[j];
      if (!b) return;
      for (const k of ['leaders', 'leadUnits', 'cooperatingUnits'] as const) {
        if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
          fields.add(k);
          if (examples.length < 2) examples.push(`${g.serial}.${k}=${JSON.stringify(a[k])}`);
        }
      }
      if (JSON.stringify(a.progress['3']?.onSchedule) !== JSON.stringify(b.progress['3']?.onSchedule)) fields.add('onSchedule');
      if (a.progress['3']?.text !== b.progress['3']?.text) fields.add('progress');
    });
  });
  return `${[...fields].sort().join('+')} ${examples.join(' ')}`.trim();
}

export interface RunOptions {
  count: number;
  seed: number;
  /** Every how many layouts one is saved again by LibreOffice (0: none), as .xlsx, .xls and .ods in turn. */
  resaveEvery?: number;
  /** Every how many layouts one is written as a Word document instead (0: none). */
  docxEvery?: number;
  batch?: number;
  onProgress?: (done: number) => void;
}

export async function runLayouts(options: RunOptions): Promise<{ results: LayoutResult[]; seedTargets: ListedTarget[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layouts-'));
  try {
    const want = await seedList(dir);
    const results: LayoutResult[] = [];
    const batch = options.batch ?? 100;
    for (let from = 0; from < options.count; from += batch) {
      const books = [];
      for (let n = from; n < Math.min(options.count, from + batch); n++) {
        const book = drawLayout(options.seed * 100_003 + n, n, want);
        if (options.docxEvery && n % options.docxEvery === 0 && n > 0) {
          book.writer = 'python-docx';
          book.name = book.name.replace(/\.xlsx$/, '.docx');
          book.features.push('docx');
        } else if (options.resaveEvery && n % options.resaveEvery === options.resaveEvery - 1) {
          book.resave = (['xlsx', 'xls', 'ods'] as const)[Math.floor(n / options.resaveEvery) % 3]!;
          book.features.push('libreoffice', `libreoffice.${book.resave}`);
        }
        books.push(book);
      }
      const files = await writeBooks(books, dir);
      for (let i = 0; i < books.length; i++) {
        const book = books[i]!;
        const store = path.join(dir, `${book.name}.sqlite`);
        try {
          const { list, notes } = await importInto(store, [{ name: path.basename(files[i]!), data: fs.readFileSync(files[i]!).toString('base64') }], book.period);
          const ok = JSON.stringify(list) === JSON.stringify(book.expected);
          results.push(ok ? { name: book.name, features: book.features, ok } : { name: book.name, features: book.features, ok, failure: differences(list, book.expected), notes });
        } catch (err) {
          results.push({ name: book.name, features: book.features, ok: false, failure: `error: ${(err as Error).message.slice(0, 160)}` });
        } finally {
          for (const f of [store, `${store}-wal`, `${store}-shm`]) fs.rmSync(f, { force: true });
          fs.rmSync(files[i]!, { force: true });
        }
        options.onProgress?.(results.length);
      }
    }
    return { results, seedTargets: want };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The share that passes and what the failures have in common: failures grouped by what differed, and
 * the drawn features most over-represented among the failures (share among failures vs. among all).
 */
export function report(results: LayoutResult[]): string {
  const failed = results.filter((r) => !r.ok);
  const lines = [`${results.length - failed.length}/${results.length} layouts import to the seed's list (${((100 * (results.length - failed.length)) / results.length).toFixed(1)}%)`];
  const byFailure = new Map<string, LayoutResult[]>();
  for (const f of failed) {
    const key = f.failure!.replace(/ .*$/, '').replace(/^error:.*/, `error: ${f.failure!.slice(7, 60)}`);
    byFailure.set(key, [...(byFailure.get(key) ?? []), f]);
  }
  for (const [key, rs] of [...byFailure].sort((a, b) => b[1].length - a[1].length)) {
    const count = (fs: LayoutResult[], feature: string) => fs.filter((r) => r.features.includes(feature)).length;
    const features = [...new Set(rs.flatMap((r) => r.features))]
      .map((f) => ({ f, lift: count(rs, f) / rs.length / (count(results, f) / results.length), share: count(rs, f) / rs.length }))
      .filter((x) => x.share >= 0.5 && x.lift > 1.5)
      .sort((a, b) => b.lift - a.lift)
      .slice(0, 5);
    lines.push(`  ${rs.length} × ${key}: e.g. ${rs[0]!.name} ${rs[0]!.failure}; common: ${features.map((x) => `${x.f} (${Math.round(100 * x.share)}%)`).join(', ') || '—'}`);
  }
  return lines.join('\n');
}
