import { SCHEMA_VERSION } from '../db/migrate';
import { changesForTarget } from '../db/repos/changeLog';
import { readSettings } from '../db/repos/settings';
import { updateSettings } from './settings';
import type { BackupSummaryInfo, RecoveryInfo } from '../../shared/contract';
import type { ServiceContext } from './context';
import { backupNow, listStoreBackups, rememberBackupDir, resolveBackupDir } from './backups';
import { holdsNothing } from '../db/emptiness';
import { requireTarget } from './context';
import { cooperatingReturnsOfTarget } from '../db/repos/returns';
import { addAlias, getDirectory } from './directory';
import type { Handlers } from './dispatch';
import { getOverview } from './overview';
import { createPlan, listPlans, listTargets } from './plans';
import { saveProgress } from './progress';
import { createTarget, deleteTarget, saveAssignments, updateTarget } from './targets';
import { applyImport, decodeFiles, importBatches, previewImport, undoBatch } from './import';
import { rememberMapping } from './import/mappings';
import { cancelJob, checkpoint, jobProgress, runJob } from '../jobs/progress';
import { exportOverviewFile, overviewPrint } from './export';
import { exportTemplatesZip } from './templates';
import { exportMissing, markReturned, roundStatus, setRoundDue } from './rounds';
import { publishQuarter, quarterLocks, unlockQuarter } from './publication';
import { revertChange } from './history';
import { confirmActual, exportReview, getReview, saveMeetingAgenda, saveReviewNote, warmReview } from './review';
import * as workReport from './report';
import { storeStatus } from './status';
import { markWelcomeSeen, removeSample, startState, type StartFacts } from './firstStart';
import { oldStoreOf, type StoreMoved } from './storeMove';
import { exportBulletin, getBulletinDraft, issueNotices, listNotices, recordReply } from './bulletin';
import * as assessment from './assessment';

export const APP_VERSION = '0.1.0';

/** What only the host can do: swap the store under the service for a restored one. */
export interface HostOps {
  restore(name: string): Promise<{ restored: BackupSummaryInfo; safety: BackupSummaryInfo | null }>;
  recovery(): RecoveryInfo | null;
  /** How this start went: a read-only data folder, what had to be worked around. */
  start(): StartFacts;
  /** DESKTOP (issue 11): the store moved to another folder, and the old copy removed once confirmed. */
  moveStore(targetDir: string): Promise<StoreMoved>;
  removeOld(): { removed: string | null; backupsRemoved: number };
  /** A long-lived host (the app, the browser mode): the quarter an overview shows has its review computed in the background. */
  warmReviews?: boolean;
}

/**
 * The service: one handler per contract method, knowing nothing of the host that calls it. Handlers read
 * `ctx.db` at each call, because a restore replaces the connection.
 */
export function createHandlers(ctx: ServiceContext, host: HostOps): Handlers {
  return {
    'app.info': () => {
      const recovery = host.recovery();
      return {
        version: `${APP_VERSION} (数据版本 ${SCHEMA_VERSION})`,
        storePath: ctx.storePath,
        years: recovery ? [] : listPlans(ctx).map((p) => p.year),
        recovery,
      };
    },
    'backups.list': () => {
      const recovery = host.recovery();
      if (recovery) return listStoreBackups(recovery.backupDir);
      const { dir, warning } = resolveBackupDir(ctx.storePath, readSettings(ctx.db));
      return listStoreBackups(dir, ctx.db, warning);
    },
    'backups.create': () => backupNow(ctx.db, ctx.storePath, 'manual'),
    'backups.restore': (input) => host.restore(input.name),
    'settings.get': () => readSettings(ctx.db),
    'settings.update': (patch) => {
      const settings = updateSettings(ctx, patch);
      if (patch.backupDir !== undefined) rememberBackupDir(ctx.storePath, patch.backupDir);
      return settings;
    },
    'plans.list': () => listPlans(ctx),
    'plans.create': (input) => createPlan(ctx, input),
    'overview.get': (input) => {
      const overview = getOverview(ctx, input);
      if (host.warmReviews) void warmReview(ctx, input.year, input.quarter);
      return overview;
    },
    'directory.get': (input) => getDirectory(ctx, input.year),
    'units.addAlias': (input) => addAlias(ctx, input.unit, input.alias),
    'targets.get': (input) => requireTarget(ctx, input.id),
    'targets.create': (input) => createTarget(ctx, input),
    'targets.update': (input) => updateTarget(ctx, input.id, input.patch, input.baseVersion),
    'targets.delete': (input) => deleteTarget(ctx, input.id),
    'targets.saveAssignments': (input) => saveAssignments(ctx, input.targetId, input.assignments, input.baseVersion),
    'progress.save': (input) => saveProgress(ctx, input),
    'history.forTarget': (input) => changesForTarget(ctx.db, input.targetId),
    'history.revert': (input) => revertChange(ctx, input.changeId, input.to, input.strict, input.through),
    'import.preview': (input) => runJob(input.jobId, (job) => previewImport(ctx, decodeFiles(input.files), input, job)),
    'import.apply': async (input) => {
      let backupWarning: string | undefined;
      const batch = await runJob(input.jobId, async (job) => {
        // Every import starts from a verified backup: the way back if the batch turns out wrong (a store
        // nothing was written to yet has nothing to go back to).
        if (!holdsNothing(ctx.db)) {
          job.report({ done: 0, total: 1, label: '导入前备份数据' });
          backupWarning = (await backupNow(ctx.db, ctx.storePath, 'import')).warning;
          await checkpoint(job.signal);
        }
        return applyImport(ctx, decodeFiles(input.files), input, job);
      });
      return backupWarning === undefined ? { batch } : { batch, backupWarning };
    },
    'export.overview': (input) => exportOverviewFile(ctx, input),
    'export.overviewPrint': (input) => overviewPrint(ctx, input),
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
    'review.saveAgenda': (input) => saveMeetingAgenda(ctx, input.year, input.quarter, input.agenda),
    'review.confirmActual': (input) => confirmActual(ctx, input),
    'review.export': (input) => exportReview(ctx, input.year, input.quarter),
    'jobs.progress': (input) => jobProgress(input.jobId),
    'jobs.cancel': (input) => ({ cancelled: cancelJob(input.jobId) }),
    'import.batches': () => importBatches(ctx),
    'import.undo': (input) => undoBatch(ctx, input.batchId),
    // CLI
    'targets.list': (input) => listTargets(ctx, input.year),
    // work report
    'report.import': async (input) => {
      // Like every other import, from a verified backup: the way back if the wrong report went in.
      // (Not of a trial store in memory: the CLI tries the file there before it opens --db.)
      if (ctx.storePath !== ':memory:' && !holdsNothing(ctx.db)) await backupNow(ctx.db, ctx.storePath, 'import');
      return workReport.importReport(ctx, input);
    },
    'report.candidates': (input) => workReport.reportCandidates(ctx, input.year),
    'report.worklist': (input) => workReport.candidateWorklist(ctx, input.year),
    'report.editCandidate': (input) => workReport.editCandidate(ctx, input),
    'report.rejectCandidates': (input) => workReport.rejectCandidates(ctx, input),
    'report.mergeCandidates': (input) => workReport.mergeCandidates(ctx, input),
    'report.splitCandidate': (input) => workReport.splitCandidate(ctx, input),
    'report.acceptCandidates': (input) => workReport.acceptCandidates(ctx, input),
    'report.undo': (input) => workReport.undoReportBatch(ctx, input.batchId),
    'report.linkSuggestions': (input) => workReport.linkSuggestions(ctx, input.year),
    'report.confirmLinks': (input) => workReport.confirmLinks(ctx, input),
    'report.renumber': (input) => workReport.renumberByReport(ctx, input.year),
    'report.coverage': (input) => workReport.reportCoverage(ctx, input.year),
    'report.view': (input) => workReport.reportView(ctx, input.year),
    'report.exportUncovered': (input) => workReport.exportUncovered(ctx, input.year),
    'report.targetSource': (input) => workReport.targetSource(ctx, input.id),
    'report.keywords': () => workReport.keywords(ctx),
    'report.saveKeywords': (input) => workReport.saveKeywords(ctx, input.keywords),
    'plans.carryOver': (input) => workReport.carryOver(ctx, input.from, input.to),
    // First start (issue 11)
    'app.startState': () => startState(ctx, host.start()),
    'app.welcomeSeen': () => markWelcomeSeen(ctx, host.start()),
    'sample.remove': (input) => removeSample(ctx, input.year, () => backupNow(ctx.db, ctx.storePath, 'manual')),
    // Returns from units.
    'returns.forTarget': (input) => cooperatingReturnsOfTarget(ctx.db, requireTarget(ctx, input.targetId).id),
    // DESKTOP (issue 11): the status bar; the data folder moved.
    'app.status': () => ({ ...storeStatus(ctx), oldStore: oldStoreOf(ctx) }),
    'store.move': (input) => host.moveStore(input.targetDir),
    'store.removeOld': () => host.removeOld(),
    // Importer (issue 13)
    'import.rememberMapping': (input) => rememberMapping(ctx, input.signature, input.mapping),
    // BULLETIN (issue 19)
    'bulletin.draft': (input) => getBulletinDraft(ctx, input),
    'bulletin.export': (input) => exportBulletin(ctx, input),
    'notices.issue': (input) => issueNotices(ctx, input),
    'notices.list': (input) => listNotices(ctx, input.year, input.quarter),
    'notices.reply': (input) => recordReply(ctx, input.id, input.repliedAt),
    // Year-end assessment (issue 19)
    'assessment.get': (input) => assessment.getAssessment(ctx, input.year, input.asOf),
    'assessment.saveRules': (input) => assessment.saveRules(ctx, input.year, input.rules),
    'assessment.saveEntry': (input) => assessment.saveEntry(ctx, input),
    'assessment.export': (input) => assessment.exportAssessment(ctx, input.year, input.asOf),
  };
}
