/**
 * Column mappings remembered for files of the same shape (issue 13), and the names the store knows, which
 * the column typing compares values with. The reader gets both as plain data: it never sees the store.
 */
import type { ColumnMapping } from '../../excel/headers';
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
