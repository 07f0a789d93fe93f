import { SCHEMA_VERSION } from '../db/migrate';
import type { Db } from '../db/connection';
import { changesForTarget } from '../db/repos/changeLog';
import { readSettings, writeSettings } from '../db/repos/settings';
import type { ServiceContext } from './context';
import { requireTarget } from './context';
import { addAlias, getDirectory } from './directory';
import type { Handlers } from './dispatch';
import { getOverview } from './overview';
import { createPlan, listPlans } from './plans';
import { saveProgress } from './progress';
import { createTarget, deleteTarget, saveAssignments, updateTarget } from './targets';
import { applyImport, decodeFiles, importBatches, previewImport, undoBatch } from './import';
import { cancelJob, jobProgress, runJob } from '../jobs/progress';
import { exportOverviewFile } from './export';
import { exportTemplatesZip } from './templates';
import { exportMissing, markReturned, roundStatus, setRoundDue } from './rounds';
import { publishQuarter, quarterLocks, unlockQuarter } from './publication';
import { revertChange } from './history';
import { exportReview, getReview, saveReviewNote } from './review';

export const APP_VERSION = '0.1.0';

/** The service: one handler per contract method, knowing nothing of the host that calls it. */
export function createHandlers(db: Db, options: { storePath: string }): Handlers {
  const ctx: ServiceContext = { db, storePath: options.storePath };
  return {
    'app.info': () => ({
      version: `${APP_VERSION} (数据版本 ${SCHEMA_VERSION})`,
      storePath: ctx.storePath,
      years: listPlans(ctx).map((p) => p.year),
    }),
    'settings.get': () => readSettings(db),
    'settings.update': (patch) => {
      writeSettings(db, patch);
      return readSettings(db);
    },
    'plans.list': () => listPlans(ctx),
    'plans.create': (input) => createPlan(ctx, input),
    'overview.get': (input) => getOverview(ctx, input),
    'directory.get': (input) => getDirectory(ctx, input.year),
    'units.addAlias': (input) => addAlias(ctx, input.unit, input.alias),
    'targets.get': (input) => requireTarget(ctx, input.id),
    'targets.create': (input) => createTarget(ctx, input),
    'targets.update': (input) => updateTarget(ctx, input.id, input.patch),
    'targets.delete': (input) => deleteTarget(ctx, input.id),
    'targets.saveAssignments': (input) => saveAssignments(ctx, input.targetId, input.assignments),
    'progress.save': (input) => saveProgress(ctx, input),
    'history.forTarget': (input) => changesForTarget(db, input.targetId),
    'history.revert': (input) => revertChange(ctx, input.changeId, input.to, input.strict, input.through),
    'import.preview': (input) => runJob(input.jobId, (job) => previewImport(ctx, decodeFiles(input.files), input, job)),
    'import.apply': async (input) => ({ batch: await runJob(input.jobId, (job) => applyImport(ctx, decodeFiles(input.files), input, job)) }),
    'export.overview': (input) => exportOverviewFile(ctx, input),
    'export.templates': (input) => exportTemplatesZip(ctx, input),
    'round.status': (input) => roundStatus(ctx, input.year, input.quarter),
    'round.update': (input) => setRoundDue(ctx, input.year, input.quarter, input.dueDate),
    'round.mark': (input) => markReturned(ctx, input.year, input.quarter, input.owner, input.returned),
    'round.exportMissing': (input) => exportMissing(ctx, input.year, input.quarter),
    'quarters.locks': (input) => quarterLocks(ctx, input.year),
    'quarters.publish': (input) => publishQuarter(ctx, input.year, input.quarter, input.publishedOn),
    'quarters.unlock': (input) => unlockQuarter(ctx, input.year, input.quarter, input.reason),
    'review.get': (input) => getReview(ctx, input.year, input.quarter),
    'review.saveNote': (input) => saveReviewNote(ctx, input.targetId, input.quarter, input.note),
    'review.export': (input) => exportReview(ctx, input.year, input.quarter),
    'jobs.progress': (input) => jobProgress(input.jobId),
    'jobs.cancel': (input) => ({ cancelled: cancelJob(input.jobId) }),
    'import.batches': () => importBatches(ctx),
    'import.undo': (input) => undoBatch(ctx, input.batchId),
  };
}
