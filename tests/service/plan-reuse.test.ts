/**
 * A plan made against an empty store holds for every empty store (the CLI previews a new store's files in
 * memory, then plans them against the store it creates), and for no store that holds anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdsNothing } from '../../electron/db/emptiness';
import { closingStores } from '../helpers/store';

const open = closingStores();
const SEED = path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx');
const files = [{ name: '一览表.xlsx', data: fs.readFileSync(SEED).toString('base64') }];
const request = { files, year: 2023, quarter: 3 as const };

describe('holdsNothing', () => {
  it('is true of a new store, whose full-text index already keeps rows of its own', async () => {
    const core = await open();
    expect((core.db.prepare('SELECT count(*) AS n FROM target_search_config').get() as { n: number }).n).toBeGreaterThan(0);
    expect(holdsNothing(core.db)).toBe(true);
  });

  it('is false once any table holds a row, whether or not the change log does', async () => {
    const core = await open();
    await core.invoke('settings.update', { city: '示例市' });
    expect(holdsNothing(core.db)).toBe(false);
    // A table nobody listed (as a later migration adds one): the check reads the schema.
    const fresh = await open();
    fresh.db.exec('CREATE TABLE later_table(x)');
    expect(holdsNothing(fresh.db)).toBe(true);
    fresh.db.exec('INSERT INTO later_table VALUES (1)');
    expect(holdsNothing(fresh.db)).toBe(false);
  });
});

describe('a plan made against an empty store', () => {
  it('gives another empty store the same preview, and its apply writes every target', async () => {
    const first = await open();
    const previewed = await first.invoke('import.preview', request);
    const second = await open();
    const again = await second.invoke('import.preview', request);
    expect(again).toEqual(previewed);
    const { batch } = await second.invoke('import.apply', request);
    expect(batch.summary.targetsNew).toBe(previewed.summary.targetsNew);
    expect((await second.invoke('targets.list', { year: 2023 })).length).toBe(previewed.summary.targetsNew);
    // The store it was made against is still empty: nothing was written there.
    expect(holdsNothing(first.db)).toBe(true);
  });

  it('is not taken for a store that holds a target, even one that names no leader or unit', async () => {
    const empty = await open();
    const previewed = await empty.invoke('import.preview', request);
    expect(previewed.summary.targetsNew).toBeGreaterThan(30);
    // No leader, no unit: the file is read as for an empty store (the same reading aids), only the plan differs.
    const holding = await open();
    await holding.invoke('plans.create', { year: 2023 });
    await holding.invoke('targets.create', { year: 2023, serial: 1, content: '手工录入的第一项' });
    await empty.invoke('import.preview', request);
    const again = await holding.invoke('import.preview', request);
    expect(again.summary.targetsNew).toBe(previewed.summary.targetsNew - 1);
    // Its serial 1 differs from the file's: a conflict the user decides, not a new target.
    expect(again.summary.conflicts).toBe(1);
    // Nor for one where only a setting was written.
    const configured = await open();
    await empty.invoke('import.preview', request);
    await configured.invoke('settings.update', { city: '示例市' });
    const planned = await configured.invoke('import.preview', request);
    expect(planned.summary.targetsNew).toBe(previewed.summary.targetsNew);
    const { batch } = await configured.invoke('import.apply', request);
    expect(batch.summary.targetsNew).toBe(previewed.summary.targetsNew);
  });
});
