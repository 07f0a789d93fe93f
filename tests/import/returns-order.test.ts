/**
 * The same lines land whatever the order of the returned files: 10 units' templates over 300 targets,
 * imported at once in two orders into two copies of one store, give the same `list --json` and the same
 * cooperating returns; every line's official text is its lead unit's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillSynthetic } from '../../bench/synthetic';
import { returnedTemplates, returnedText } from '../../bench/returnedTemplates';
import { loadTargets } from '../../electron/db/repos/targets';
import { applyImport } from '../../electron/services/import';
import { openCore, tempStorePath } from '../helpers/store';
import { listed } from './helpers';

describe('returned templates in any order', () => {
  it('300 targets, 10 templates, two orders: identical list --json', { timeout: 120_000 }, async () => {
    const first = await openCore(tempStorePath());
    const { year } = fillSynthetic(first.db, { targets: 300, units: 12 });
    const files = await returnedTemplates(first, year, 4, 10);
    expect(files).toHaveLength(10);
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    const copyPath = path.join(path.dirname(tempStorePath()), 'copy.sqlite');
    fs.copyFileSync(first.storePath, copyPath);
    const second = await openCore(copyPath);
    try {
      const a = await applyImport(first, files, {});
      const b = await applyImport(second, [...files].reverse(), {});
      expect(a.summary.conflicts).toBe(0);
      expect(b.summary).toEqual(a.summary);
      expect(listed(second)).toEqual(listed(first));
      const coop = (c: typeof first) => c.db.prepare('SELECT assignment_id, quarter, unit, text FROM cooperating_returns ORDER BY assignment_id, unit').all();
      expect(coop(second)).toEqual(coop(first));
      expect(coop(first).length).toBeGreaterThan(10);

      // Each line of a returned unit's lead carries that unit's text, never a cooperating unit's.
      const returned = new Set(files.map((f) => f.name.split('_')[0]!));
      const plan = first.db.prepare('SELECT id FROM plans WHERE year = ?').get(year) as { id: number };
      let checked = 0;
      for (const t of loadTargets(first.db, { planId: plan.id })) {
        for (const line of t.assignments) {
          const lead = line.leadUnits[0]!;
          const q4 = line.progress.find((p) => p.quarter === 4)!;
          if (returned.has(lead)) {
            expect(q4.text).toBe(returnedText(lead, line.id));
            checked++;
          } else {
            expect(q4 === undefined || !q4.text.includes('报送：')).toBe(true);
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    } finally {
      first.close();
      second.close();
    }
  });
});
