import type { Settings } from '../../shared/contract';
import { appendChange } from '../db/repos/changeLog';
import { readSettings, writeSettings } from '../db/repos/settings';
import type { ServiceContext } from './context';

/** Saves a settings patch and logs the keys it changed, old and new values, in the same transaction. */
export function updateSettings(ctx: ServiceContext, patch: Partial<Settings>): Settings {
  return ctx.db.transaction(() => {
    const before = readSettings(ctx.db);
    writeSettings(ctx.db, patch);
    const after = readSettings(ctx.db);
    const keys = (Object.keys(patch) as (keyof Settings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (keys.length > 0) {
      const pick = (s: Settings) => Object.fromEntries(keys.map((k) => [k, s[k]]));
      // Signed with the name as it was: a change of the user name is made by the previous name.
      appendChange(ctx.db, before.userName, { kind: 'settings', entity: 'settings', entityId: null, targetId: null, before: pick(before), after: pick(after) });
    }
    return after;
  })();
}
