/**
 * Column mappings remembered for files of the same shape (issue 13), and the names the store knows, which
 * the column typing compares values with. The reader gets both as plain data: it never sees the store.
 */
import type { ColumnMapping } from '../../excel/headers';
import type { ColumnMappings, ImportPreview } from '../../../shared/contract';
import type { KnownNames } from '../../excel/columnTypes';
import { appendChange } from '../../db/repos/changeLog';
import { mappingOf, putMapping, rememberedMappings } from '../../db/repos/columnMappings';
import { directoryOfPlan } from '../../db/repos/directory';
import { normalizeName } from '../../../shared/domain';
import { actorOf, type ServiceContext } from '../context';

export function rememberMapping(ctx: ServiceContext, signature: string, mapping: ColumnMapping): { signature: string; mapping: ColumnMapping } {
  return ctx.db.transaction(() => {
    const before = mappingOf(ctx.db, signature);
    const actor = actorOf(ctx);
    putMapping(ctx.db, signature, mapping);
    const after = mappingOf(ctx.db, signature);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      appendChange(ctx.db, actor, { kind: 'column-mapping', entity: 'column-mapping', entityId: null, targetId: null, before: before && { signature, mapping: before }, after: after && { signature, mapping: after } });
    }
    return { signature, mapping: after ?? {} };
  })();
}

export function readingAids(ctx: ServiceContext): { remembered: Map<string, ColumnMapping>; known: KnownNames } {
  const directory = directoryOfPlan(ctx.db, null);
  return {
    remembered: rememberedMappings(ctx.db),
    known: {
      leaders: new Set(directory.leaders.map(normalizeName)),
      units: new Set(directory.units.flatMap((u) => [u.name, ...u.aliases]).map(normalizeName)),
    },
  };
}

/**
 * A column the user did not name in this preview but a correction remembered for the header's shape did:
 * said as "remembered", so that a script (and the user) sees why a column no header names was read.
 */
export function markRemembered(files: ImportPreview['files'], mapping: ColumnMappings | undefined, remembered: ReadonlyMap<string, ColumnMapping>): void {
  for (const f of files) {
    for (const s of f.sheets) {
      const kept = remembered.get(s.signature);
      if (!kept) continue;
      for (const c of s.columns) {
        if (c.source === 'user' && mapping?.[f.name]?.[c.column] === undefined && kept[c.column] !== undefined) c.source = 'remembered';
      }
    }
  }
}
