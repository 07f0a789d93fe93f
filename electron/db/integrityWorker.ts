/**
 * `PRAGMA integrity_check` of a file on a worker thread: checking a 20 MB backup takes a quarter of a second,
 * which on the main thread would freeze the window (Electron) or every request (browser mode). The worker's
 * code is a plain CommonJS string, so it needs no bundling of its own; if a worker cannot be started (an
 * unusual runtime), the check runs on the calling thread instead: slower to the user, never skipped.
 */
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { databaseOptions, nativeBindingPath } from './storeFiles';


const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  parentPort.postMessage({ rows: db.pragma('integrity_check').map((r) => r.integrity_check) });
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err), code: err && err.code });
} finally {
  if (db) db.close();
}
`;

function onThisThread(file: string): string[] {
  const db = new Database(file, databaseOptions({ readonly: true, fileMustExist: true }));
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

/** The problems integrity_check reports ([] when the file is sound); rejects with SQLite's error when it cannot read it. */
export function integrityProblems(file: string): Promise<string[]> {
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { file, module: require.resolve('better-sqlite3'), nativeBinding: nativeBindingPath() } });
  } catch {
    return Promise.resolve().then(() => onThisThread(file).filter((r) => r !== 'ok'));
  }
  return new Promise<string[]>((resolve, reject) => {
    worker.once('message', (m: { rows?: string[]; error?: string; code?: string }) => {
      if (m.rows) resolve(m.rows.filter((r) => r !== 'ok'));
      else reject(Object.assign(new Error(m.error), { code: m.code }));
    });
    worker.once('error', () => {
      try {
        resolve(onThisThread(file).filter((r) => r !== 'ok'));
      } catch (err) {
        reject(err);
      }
    });
  }).finally(() => void worker.terminate());
}
