/**
 * `npx tsx scripts/stress-kill.ts --kills 200 [--targets 3000] [--seed N] [--mode import|backup] [--keep]`
 * Kills import and backup children at random moments and checks the store and the backups after each kill
 * (see scripts/killLoop.ts). Exits non-zero when any store was damaged, any batch partial, or any
 * half-written backup listed as good.
 */
import { parseArgs } from 'node:util';
import { runKillLoop, type KillMode } from './killLoop';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { kills: { type: 'string' }, targets: { type: 'string' }, seed: { type: 'string' }, mode: { type: 'string' }, keep: { type: 'boolean' } },
    strict: true,
  });
  const kills = Number(values.kills ?? 200);
  const targets = Number(values.targets ?? 3000);
  const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
  if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(targets) || targets < 1 || !Number.isInteger(seed)) throw new Error('--kills, --targets and --seed take positive integers');
  const modes: KillMode[] = values.mode === undefined ? ['import', 'backup'] : values.mode === 'import' || values.mode === 'backup' ? [values.mode] : [];
  if (modes.length === 0) throw new Error('--mode is import or backup');
  console.log(`stress-kill: ${kills} kills, ${targets} targets, modes ${modes.join('+')}, seed ${seed}`);
  const f = await runKillLoop({ kills, targets, modes, seed, keep: values.keep === true, log: (l) => console.log(`  ${l}`) });
  console.log(`
kills                ${f.kills} (import ${f.importKills}, of which ${f.importKillsAimedAtClose} aimed after the commit; backup ${f.backupKills})
finished runs        ${f.completed} before their kill, ${f.samples} unkilled timing samples
child failures       ${f.childFailures}
damaged stores       ${f.damagedStores}
partial batches      ${f.partialBatches}   (killed imports: none written ${f.importNone}, all written ${f.importAll})
partial backups      ${f.partialBackups}   (backups verified ${f.backupsVerified}, temp files left by killed backups ${f.leftoverTempFiles})
timings (medians)    spawn→ready: import ${f.timings.importReadyMs} ms (incl. parsing the workbook), backup ${f.timings.backupReadyMs} ms; ready→done: import ${f.timings.importWorkMs} ms (closing ${f.timings.importCloseMs} ms), backup ${f.timings.backupWorkMs} ms
                     bundle ${f.timings.bundleMs} ms, total ${(f.timings.totalMs / 1000).toFixed(1)} s`);
  for (const p of f.problems) console.log(`PROBLEM ${p}`);
  return f.damagedStores + f.partialBatches + f.partialBackups + f.childFailures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(2);
  },
);
