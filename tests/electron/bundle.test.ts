/**
 * The esbuild bundle itself, not the sources: built as `npm start` builds it and run under Node with a
 * fake electron. Proves that the bundled exceljs, the external better-sqlite3 and the seeds folder are
 * all found from dist/electron/, which the source-level tests cannot show.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { tempDir } from '../helpers/store';

const root = path.resolve(__dirname, '../..');

describe('dist/electron/main.js', () => {
  it('starts, seeds an empty store, opens the app page and answers the api channel', async () => {
    const { main } = await buildElectron({ outDir: tempDir('ducha-bundle-') });
    const storePath = path.join(tempDir('ducha-store-'), 'store.sqlite');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
    delete env.DUCHA_SEEDS_DIR;
    const out = execFileSync(process.execPath, [path.join(__dirname, 'fixtures', 'run-bundle.cjs'), main, root, tempDir('ducha-userdata-'), storePath], {
      // Not the project folder: the seeds must be found through app.getAppPath(), as in a packaged app.
      cwd: tempDir('ducha-cwd-'),
      env,
      encoding: 'utf8',
      timeout: 90_000,
    });
    const record = JSON.parse(out.trim().split('\n').pop()!);
    expect(record.errors).toEqual([]);
    expect(record.exit).toBeUndefined();
    expect(record.sandbox).toBe(true);
    expect(record.switches).toEqual([['lang', 'zh-CN']]);
    expect(record.schemes).toEqual(['app']);
    expect(record.protocols).toEqual(['app']);
    expect(record.windows).toEqual([expect.objectContaining({ title: '责任目标督查工作台', url: 'app://bundle/index.html' })]);
    expect(record.windows[0].webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(record.menu.map((l: string) => l.replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(record.sessionEvents).toEqual(['will-download']);
    const [first, refused] = record.ipc;
    expect(first.info).toMatchObject({ ok: true, value: { storePath, years: [2023] } });
    expect(first.overviewOk).toBe(true);
    expect(first.overviewRows).toBeGreaterThan(30);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 120_000);
});
