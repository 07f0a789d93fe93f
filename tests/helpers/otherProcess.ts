/**
 * Another process with a store open, as the app's window, the browser mode or a second CLI keeps it: for
 * tests of what must not happen to a file someone else is writing to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const holders: ChildProcess[] = [];

/** Ends every holder started so far (an afterEach). */
export function releaseHolders(): void {
  for (const h of holders.splice(0)) h.kill();
}

/**
 * Another process with the store open, as the app keeps it: idle, or inside a write transaction that it
 * commits after `writeFor` ms. Resolves once the connection is open (and the transaction begun).
 */
export function holdStore(db: string, options: { writeFor?: number } = {}): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(path.join(root, 'node_modules/better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.pragma('journal_mode = WAL');
    db.prepare('SELECT count(*) FROM targets').get();
    const writeFor = Number(process.argv[2]);
    if (writeFor > 0) {
      db.exec('BEGIN IMMEDIATE');
      setTimeout(() => db.exec('COMMIT'), writeFor);
    }
    process.stdout.write('open\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, db, String(options.writeFor ?? 0)], { stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

