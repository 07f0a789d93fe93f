/**
 * The layout generator's stress run (tests/import/layoutGen): `npm run stress:layouts` draws 5,000 layouts
 * (`--count N`, `--seed S`, `--resave-every K` for LibreOffice re-saves, `--docx-every K` for Word
 * documents) and prints the share that imports
 * to the seed's list and what the failures have in common. Exit code 1 when any layout fails.
 */
import { report, runLayouts } from '../tests/import/layoutGen/run';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const count = arg('count', 5000);
  const started = Date.now();
  const { results } = await runLayouts({
    count,
    seed: arg('seed', Date.now() % 1_000_000),
    resaveEvery: arg('resave-every', 250),
    docxEvery: arg('docx-every', 20),
    onProgress: (n) => {
      if (n % 250 === 0) process.stderr.write(`${n}/${count}\n`);
    },
  });
  console.log(report(results));
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

void main();
