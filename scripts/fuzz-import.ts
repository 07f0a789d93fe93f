/**
 * `npm run stress:fuzz -- [--seed N] [--workers 2] [--timeout-ms 10000] [--only 12,345] [--mutators a,b] [--messages] [--save-dir DIR]`
 *
 * The importer's full fuzz run (issues #7, #18): mutated real workbooks and Word returns through
 * `import.preview` (and a sample through `import.apply`), each ending in a successful preview or a clear Chinese error naming the file;
 * never a crash, a hang or a write. Prints the figures; exits 1 when any input failed. `--only` rebuilds
 * and reruns the inputs a run reported; `--save-dir` writes them out (.xlsx, .xls or .docx) to open by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatFigures, formatMessages, loadCorpus, makeInput, runFuzz } from '../tests/helpers/fuzz';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '7' },
      start: { type: 'string', default: '0' },
      workers: { type: 'string' },
      'timeout-ms': { type: 'string', default: '10000' },
      'apply-rate': { type: 'string', default: '0.25' },
      only: { type: 'string' },
      mutators: { type: 'string' },
      messages: { type: 'boolean', default: false },
      'save-dir': { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const only = values.only?.split(',').map(Number);
  const applyRate = Number(values['apply-rate']);
  const mutators = values.mutators?.split(',');
  let last = 0;
  const figures = await runFuzz({
    seed,
    count: Number(values.count),
    start: Number(values.start),
    ...(only ? { only } : {}),
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    timeoutMs: Number(values['timeout-ms']),
    applyRate,
    ...(mutators ? { mutators } : {}),
    onProgress: (done, total) => {
      if (done - last >= 500 || done === total) {
        last = done;
        process.stderr.write(`${done}/${total}\n`);
      }
    },
  });
  console.log(formatFigures(figures));
  if (values.messages) console.log(`error messages (file names and numbers taken out):\n${formatMessages(figures)}`);
  const saveDir = values['save-dir'];
  if (saveDir) {
    const corpus = await loadCorpus();
    fs.mkdirSync(saveDir, { recursive: true });
    const indices = only ?? figures.failures.map((f) => f.index);
    for (const index of indices) {
      const input = await makeInput(corpus, seed, index, applyRate, mutators);
      fs.writeFileSync(path.join(saveDir, input.name), input.bytes);
    }
    console.log(`saved ${indices.length} input(s) to ${saveDir}`);
  }
  process.exitCode = figures.failures.length > 0 ? 1 : 0;
}

void main();
