/**
 * Writes an import plan in one transaction, recorded as a batch with the change log's before/after of every
 * target it touched, so that the batch can be undone as a unit. A throw anywhere leaves the store as it was.
 */
import crypto from 'node:crypto';
import type { Assignment, ImportBatch, ProgressReport, Target } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Quarter } from '../../../shared/domain';
import { appendChange } from '../../db/repos/changeLog';
import { rememberedNames, type NameLookup } from '../../db/repos/directory';
import { getBatch, insertBatch, markUndone, batchChanges } from '../../db/repos/importBatches';
import { planByYear } from '../../db/repos/plans';
import { insertLoggedPlan } from '../plans';
import { readSettings } from '../../db/repos/settings';
import * as repo from '../../db/repos/targets';
import { actorOf, type ServiceContext } from '../context';
import { reportLocator } from '../workReport';
import type { ImportPlan, TargetAction } from './plan';
import { stmt } from '../../db/connection';
import { withDeferredIndex } from '../../db/repos/search';
import { recordReturns } from '../rounds';
import { assertPublishedUnchanged } from '../publication';
import { deletionSnapshot, restoreSnapshot, snapshotKey } from '../snapshots';
import { currentCooperatingReturn, insertCooperatingReturn, insertImported } from '../../db/repos/returns';

function sectionsForLocating(ctx: ServiceContext, planId: number) {
  const rows = stmt(ctx.db, 'SELECT id, code FROM sections WHERE plan_id = ?').all(planId) as { id: number; code: string }[];
  const report = stmt(ctx.db, 'SELECT report_text FROM plans WHERE id = ?').get(planId) as { report_text: string };
  return { ids: new Map(rows.map((r) => [r.code, r.id])), clause: reportLocator(report.report_text) };
}

/**
 * Writes one line's return: the official progress (and the base a later file is compared with), or a
 * cooperating unit's return beside it. Returns the progress as written, if any.
 */
function writeReturn(ctx: ServiceContext, w: { batchId: string; at: string; actor: string; quarter: Quarter; source: string; targetId: number }, id: number, l: TargetAction['lines'][number], fresh = false): ProgressReport | null {
  let written: ProgressReport | null = null;
  if (l.progress) {
    written = repo.upsertProgress(ctx.db, id, w.quarter, { ...l.progress, source: w.source }, fresh);
    insertImported(ctx.db, w.batchId, id, w.quarter, { text: l.progress.text, onScheduleText: l.progress.onScheduleText });
  }
  if (l.cooperating) {
    const before = currentCooperatingReturn(ctx.db, id, w.quarter, l.cooperating.unit) ?? null;
    const row = { assignmentId: id, quarter: w.quarter, ...l.cooperating, file: w.source, returnedAt: w.at };
    insertCooperatingReturn(ctx.db, w.batchId, row);
    // Part of the batch (its undo hides the batch's returns), with its own before and after; the batch's undo
    // restores targets from its 'target' rows only, so this row is not mistaken for a snapshot.
    appendChange(ctx.db, w.actor, { kind: 'import', entity: 'cooperating-return', entityId: id, targetId: w.targetId, before, after: row, batchId: w.batchId });
  }
  return written;
}

/** What every action of one batch is written with. */
interface BatchWrite {
  planId: number;
  year: number;
  quarter: Quarter;
  located: ReturnType<typeof sectionsForLocating>;
  batch: { batchId: string; at: string; actor: string };
  /** Leaders and units, each name looked up once in the batch. */
  names: NameLookup;
  /** The id of the batch's next new target: nothing else inserts targets inside its transaction. */
  newTargetId: () => number;
}

function applyAction(ctx: ServiceContext, w: BatchWrite, a: TargetAction, current: Target | null): { id: number; written: Target | null } {
  const { planId, year, quarter, located, batch } = w;
  if (a.targetId === null) {
    const where = located.clause ? located.clause(a.fields.content ?? '') : null;
    const row = repo.insertTarget(
      ctx.db,
      planId,
      year,
      {
        serial: a.serial,
        content: a.fields.content ?? '',
        deadline: a.fields.deadline ?? '',
        sectionId: where ? (located.ids.get(where.code) ?? null) : null,
        sourceText: where?.sentence ?? '',
      },
      w.newTargetId(),
    );
    // The new target as written, as loadTargets would read it back: the change log's after-state, without
    // reading 5,000 new targets again (tests/service/import-after-state.test.ts holds it to loadTargets).
    const assignments = a.lines.map((l, i): Assignment => {
      const id = repo.insertAssignment(ctx.db, row.id, i + 1);
      const names = repo.setAssignmentNames(ctx.db, id, { leaders: l.leaders ?? [], leadUnits: l.leadUnits ?? [], cooperatingUnits: l.cooperatingUnits ?? [] }, true, w.names);
      const progress = writeReturn(ctx, { ...batch, quarter, source: a.source, targetId: row.id }, id, l, true);
      return { id, ...names, progress: progress ? [progress] : [] };
    });
    return { id: row.id, written: { ...row, assignments } };
  }
  const before = current!;
  if (a.fields.content !== undefined || a.fields.deadline !== undefined) {
    repo.updateTargetFields(ctx.db, before.id, year, {
      serial: before.serial,
      content: a.fields.content ?? before.content,
      deadline: a.fields.deadline ?? before.deadline,
      sectionId: before.sectionId,
      sourceText: before.sourceText,
    });
  } else {
    repo.touchTarget(ctx.db, before.id);
  }
  let ord = before.assignments.length;
  for (const l of a.lines) {
    const id = l.assignmentId ?? repo.insertAssignment(ctx.db, before.id, ++ord);
    const current = before.assignments.find((x) => x.id === l.assignmentId);
    if (l.assignmentId === null || l.leaders || l.leadUnits) {
      repo.setAssignmentNames(ctx.db, id, {
        leaders: l.leaders ?? current?.leaders ?? [],
        leadUnits: l.leadUnits ?? current?.leadUnits ?? [],
        cooperatingUnits: l.cooperatingUnits ?? current?.cooperatingUnits ?? [],
      }, false, w.names);
    }
    writeReturn(ctx, { ...batch, quarter, source: a.source, targetId: before.id }, id, l);
  }
  return { id: before.id, written: null };
}

/**
 * The actions to write: those not unticked, and of the conflicts only those the user took. Two taken returns
 * that disagree about one line are refused: the user chooses one, never the order of the files.
 */
function chosenActions(plan: ImportPlan, skip: ReadonlySet<string>, take: ReadonlySet<string>): TargetAction[] {
  const chosen = plan.actions.filter((a) => !skip.has(a.key) && (!a.conflict || take.has(a.key)));
  const seen = new Map<string, { value: string; action: TargetAction }>();
  for (const a of chosen) {
    for (const c of a.claims) {
      const earlier = seen.get(c.key);
      if (earlier && earlier.value !== c.value) {
        throw new AppError('conflict', `第${a.serial}项同一分工选定了两份内容不同的报送（${earlier.action.source}、${a.source}），请只采用其中一份。`);
      }
      seen.set(c.key, { value: c.value, action: a });
    }
  }
  return chosen;
}

export function applyPlan(ctx: ServiceContext, plan: ImportPlan, options: { skip: ReadonlySet<string>; take?: ReadonlySet<string>; files: string[]; city: string | null }): ImportBatch {
  const { preview } = plan;
  return ctx.db.transaction(() => withDeferredIndex(ctx.db, () => {
    const actor = actorOf(ctx);
    const batchId = `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
    const planId = planByYear(ctx.db, preview.year)?.id ?? insertLoggedPlan(ctx, { year: preview.year, city: options.city ?? readSettings(ctx.db).city }, batchId);
    const located = sectionsForLocating(ctx, planId);
    const chosen = chosenActions(plan, options.skip, options.take ?? new Set());
    // Not written: the unticked rows and the conflicts the user did not take (both were in the preview).
    const skipped = plan.actions.length - chosen.length;
    const at = new Date().toISOString();
    let nextId = repo.nextTargetId(ctx.db);
    const write: BatchWrite = { planId, year: preview.year, quarter: preview.quarter, located, batch: { batchId, at, actor }, names: rememberedNames(ctx.db), newTargetId: () => nextId++ };
    const written: { id: number; before: Target | null; after: Target | null; action: TargetAction }[] = [];
    // Sixty returned templates touch most targets twice (the lead unit's line, a cooperating unit's): each
    // target is loaded once and logged once, from before the batch to after it. It is read again only after
    // an action that changed what the next one builds on (its fields, names or lines).
    const touched = new Map<number, { before: Target; current: Target }>();
    for (const a of chosen) {
      if (a.targetId === null) {
        const { id, written: after } = applyAction(ctx, write, a, null);
        written.push({ id, before: null, after, action: a });
        continue;
      }
      let entry = touched.get(a.targetId);
      if (!entry) {
        const loaded = repo.loadTarget(ctx.db, a.targetId)!;
        entry = { before: loaded, current: loaded };
        touched.set(a.targetId, entry);
      }
      written.push({ id: applyAction(ctx, write, a, entry.current).id, before: entry.before, after: null, action: a });
      const reshaped = a.fields.content !== undefined || a.fields.deadline !== undefined || a.lines.some((l) => l.assignmentId === null || l.leaders || l.leadUnits || l.cooperatingUnits);
      if (reshaped) entry.current = repo.loadTarget(ctx.db, a.targetId)!;
    }
    // The targets changed, as written: read in one set-based load rather than one load per target. New
    // ones are as their writes returned them.
    const reread = written.some((w) => w.after === null) ? new Map(repo.loadTargets(ctx.db, { planId }).map((t) => [t.id, t])) : new Map<number, Target>();
    const logged = new Set<number>();
    for (const w of written) {
      if (logged.has(w.id)) continue;
      logged.add(w.id);
      const after = w.after ?? reread.get(w.id);
      assertPublishedUnchanged(ctx, w.before, after);
      appendChange(ctx.db, actor, { kind: 'import', entity: 'target', entityId: w.id, targetId: w.id, before: w.before, after, batchId });
    }
    const batch: ImportBatch = {
      id: batchId,
      at,
      actor,
      year: preview.year,
      quarter: preview.quarter,
      files: options.files,
      // What was written, not what was previewed: unticked rows are not counted as imported.
      summary: {
        ...preview.summary,
        targetsNew: written.filter((w) => w.action.status === 'new').length,
        targetsUpdated: written.filter((w) => w.action.status === 'updated').length,
        linesNew: written.reduce((n, w) => n + w.action.lines.filter((l) => l.assignmentId === null).length, 0),
        linesUpdated: written.reduce((n, w) => n + w.action.lines.filter((l) => l.assignmentId !== null && (l.leaders || l.leadUnits || l.progress)).length, 0),
        skipped,
      },
      notes: [...preview.items.flatMap((i) => i.notes), ...preview.notes].filter((n) => n.severity !== 'info'),
      undoneAt: null,
    };
    insertBatch(ctx.db, batch);
    recordReturns(ctx, planId, preview, batch);
    // The batch itself is a write (a returned template marks its unit as returned even when nothing changed).
    appendChange(ctx.db, actor, { kind: 'import-batch', entity: 'import', entityId: null, targetId: null, before: null, after: batchLogOf(batch, preview.files), batchId });
    return batch;
  }))();
}

/** What the log keeps of a batch: which files, which period, what was written, whose returns. */
function batchLogOf(batch: ImportBatch, files: { name: string; returnedBy: string | null }[]) {
  return {
    id: batch.id,
    year: batch.year,
    quarter: batch.quarter,
    files: batch.files,
    summary: batch.summary,
    returnedBy: files.flatMap((f) => (f.returnedBy ? [f.returnedBy] : [])),
  };
}

/**
 * Undoes a batch as a unit: targets it created are removed, targets it changed go back to how they were.
 * Refused when a target was edited after the import, because undoing would silently lose that edit.
 */
export function undoBatch(ctx: ServiceContext, batchId: string): { batch: ImportBatch; restored: number } {
  return ctx.db.transaction(() => {
    const batch = getBatch(ctx.db, batchId);
    if (!batch) throw new AppError('not-found', `找不到导入批次 ${batchId}。`);
    if (batch.undoneAt) throw new AppError('conflict', `导入批次 ${batchId} 已于 ${batch.undoneAt.slice(0, 19).replace('T', ' ')} 撤销。`);
    const changes = batchChanges(ctx.db, batchId);
    // Edited since = different content, not a different version: undoing a later batch bumps versions
    // while putting back exactly what this batch wrote.
    const edited = changes.filter((c) => {
      const after = c.after ? (JSON.parse(c.after) as Target) : null;
      const now = repo.loadTarget(ctx.db, c.targetId);
      return after !== null && (now === undefined || snapshotKey(now) !== snapshotKey(after));
    });
    if (edited.length > 0) {
      const serials = edited.map((c) => (JSON.parse(c.after!) as Target).serial).slice(0, 10);
      throw new AppError('conflict', `第${serials.join('、')}项在导入后又被修改过，撤销会丢失这些修改，未撤销。`);
    }
    const actor = actorOf(ctx);
    const undoId = `undo-${batchId}`;
    for (const c of changes) {
      const before = c.before ? (JSON.parse(c.before) as Target) : null;
      const loaded = repo.loadTarget(ctx.db, c.targetId);
      const now = loaded && before === null ? deletionSnapshot(ctx, loaded) : loaded;
      if (before === null) repo.deleteTarget(ctx.db, c.targetId);
      else restoreSnapshot(ctx, before, 'undo');
      assertPublishedUnchanged(ctx, now, before === null ? null : repo.loadTarget(ctx.db, c.targetId));
      appendChange(ctx.db, actor, { kind: 'undo', entity: 'target', entityId: c.targetId, targetId: c.targetId, before: now ?? null, after: before === null ? null : repo.loadTarget(ctx.db, c.targetId), batchId: undoId });
    }
    const at = new Date().toISOString();
    markUndone(ctx.db, batchId, at);
    appendChange(ctx.db, actor, {
      kind: 'import-undo',
      entity: 'import',
      entityId: null,
      targetId: null,
      before: { ...batchLogOf(batch, []), undoneAt: null },
      after: { ...batchLogOf(batch, []), undoneAt: at },
      batchId: undoId,
    });
    return { batch: { ...batch, undoneAt: at }, restored: changes.length };
  })();
}
