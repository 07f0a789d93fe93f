/**
 * The process the kill loop (scripts/killLoop.ts) starts and kills: it prepares its work, prints `ready`,
 * does the one thing being tested (an import, or a backup) and prints `done`. Everything before `ready`
 * (starting Node, loading modules, reading the workbook) is outside the window the kill is aimed at. An
 * import also prints `committed` once its transaction is committed, before closing the store (closing
 * checkpoints the WAL into the store file).
 *
 *   killChild import <store> <workbook>
 *   killChild backup <store> <backup dir>
 */
import { openStore } from '../electron/db/connection';
import { takeBackup } from '../electron/db/backup';
import { readWorkbookFile } from '../electron/excel/sniff';
import { startCore } from '../electron/host/app';
import { applyImport, parseWorkbooks } from '../electron/services/import';

async function main(): Promise<void> {
  const [mode, store, arg] = process.argv.slice(2);
  if (!store || !arg) throw new Error('usage: killChild import|backup <store> <workbook|dir>');
  if (mode === 'import') {
    const workbook = readWorkbookFile(arg);
    const core = await startCore({ storePath: store });
    // Read once here: applyImport finds the parsed file in the importer's cache and goes straight to writing.
    await parseWorkbooks([workbook]);
    process.stdout.write('ready\n');
    const batch = await applyImport({ db: core.db, storePath: store }, [workbook], {});
    process.stdout.write('committed\n');
    core.close();
    process.stdout.write(`done ${batch.id}\n`);
  } else if (mode === 'backup') {
    const db = openStore(store);
    process.stdout.write('ready\n');
    const summary = await takeBackup(db, arg, 'manual');
    db.close();
    process.stdout.write(`done ${summary.name}\n`);
  } else {
    throw new Error(`unknown mode ${String(mode)}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
