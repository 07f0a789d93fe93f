/**
 * The work report as the start of the year's cycle: import, candidate targets with suggested units,
 * working them (edit, merge, split, reject, accept), linking existing targets to their clause, coverage,
 * and carry-over into next year. Every write is one transaction with change-log entries under one batch id,
 * so `undoReportBatch` takes a whole action back.
 */
import crypto from 'node:crypto';
import type { Input, Output, Target } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { appendChange } from '../../db/repos/changeLog';
import { stmt } from '../../db/connection';
import { insertPlan, insertSection, planByYear, sectionsOfPlan, type PlanRow } from '../../db/repos/plans';
import { readSettings } from '../../db/repos/settings';
import * as repo from '../../db/repos/targets';
import * as reports from '../../db/repos/workReports';
import type { CandidateRow } from '../../db/repos/workReports';
import { listSheetBytes } from '../../excel/listSheet';
import { actorOf, changeTarget, requireTarget, type ServiceContext } from '../context';
import { requirePlan } from '../plans';
import { assertPublishedUnchanged } from '../publication';
import { restoreSnapshot, snapshotKey } from '../snapshots';
import { createTarget } from '../targets';
import { getDirectory } from '../directory';
import { trigrams } from '../text';
import { checkedText, reportTextOf } from './decode';
import { createLinker } from './link';
import { locateWording, SECTION_NAMES, spanText, structureOf, type Commitment, type WorkReportStructure } from './segment';

type Suggestion = { unit: string; leader: string; reason: string };

function newBatchId(kind: string): string {
  return `report-${kind}-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
}

function logCandidate(ctx: ServiceContext, kind: string, before: CandidateRow | null, after: CandidateRow | null, batchId: string): void {
  appendChange(ctx.db, actorOf(ctx), { kind, entity: 'report-candidate', entityId: (after ?? before)!.id, targetId: null, before, after, batchId });
}

// ---------------------------------------------------------------------------------------------- import

/** The plan's report as imported; reading it never writes (its segmentation is stored where the text arrives). */
function reportOf(ctx: ServiceContext, year: number): { plan: PlanRow; s: WorkReportStructure } {
  const plan = requirePlan(ctx, year);
  if (plan.report_text.trim() === '' || !reports.workReportOf(ctx.db, plan.id)) {
    throw new AppError('not-found', `${year}年还没有导入政府工作报告。请先在“报告分解”中导入报告（.docx、.txt 或粘贴文字）。`, { field: 'year' });
  }
  return { plan, s: structureOf(plan.report_text) };
}

/**
 * Stores the segmentation of a plan's report text (spans, candidates) and logs it as an import, in the
 * caller's transaction. Called where the text arrives: a report import, the sample data.
 */
export function segmentReport(ctx: ServiceContext, plan: PlanRow, fileName: string, before: unknown): void {
  const s = structureOf(plan.report_text);
  const batchId = newBatchId('import');
  writeReport(ctx, plan, s, fileName, batchId);
  appendChange(ctx.db, actorOf(ctx), { kind: 'report-import', entity: 'work-report', entityId: plan.id, targetId: null, before, after: { fileName, length: plan.report_text.length }, batchId });
}

/** A section (篇章) added to a plan, logged on its own: the history shows each one the plan gained. */
function addSection(ctx: ServiceContext, planId: number, section: { ord: number; code: string; name: string; sourceText: string }, batchId: string): number {
  const id = insertSection(ctx.db, planId, section);
  appendChange(ctx.db, actorOf(ctx), { kind: 'section-add', entity: 'section', entityId: id, targetId: null, before: null, after: { planId, ord: section.ord, code: section.code, name: section.name }, batchId });
  return id;
}

/**
 * A store from before migration 008 has report texts that were never segmented: done once when the store
 * is opened, logged as imports, so that no read of the report screen has to write.
 */
export function segmentUnsegmentedReports(ctx: ServiceContext): number {
  const years = stmt(ctx.db, "SELECT p.year FROM plans p WHERE trim(p.report_text) <> '' AND NOT EXISTS (SELECT 1 FROM work_reports w WHERE w.plan_id = p.id) ORDER BY p.year").pluck().all() as number[];
  if (years.length === 0) return 0;
  ctx.db.transaction(() => {
    for (const year of years) segmentReport(ctx, planByYear(ctx.db, year)!, '', null);
  })();
  return years.length;
}

function ensureSections(ctx: ServiceContext, plan: PlanRow, s: WorkReportStructure, batchId: string): Map<string, number> {
  const existing = sectionsOfPlan(ctx.db, plan.id);
  const ids = new Map(existing.map((x) => [x.code, x.id]));
  let ord = existing.reduce((m, x) => Math.max(m, x.ord), 0);
  for (const c of s.codes) {
    if (ids.has(c.code)) continue;
    const text = s.commitments.filter((x) => x.code === c.code).map((x) => x.text).join('');
    ids.set(c.code, addSection(ctx, plan.id, { ord: ++ord, code: c.code, name: c.name, sourceText: text }, batchId));
  }
  return ids;
}

function writeReport(ctx: ServiceContext, plan: PlanRow, s: WorkReportStructure, fileName: string, batchId: string): void {
  reports.upsertWorkReport(ctx.db, { plan_id: plan.id, file_name: fileName, imported_at: new Date().toISOString(), actor: actorOf(ctx) });
  reports.replaceSpans(
    ctx.db,
    plan.id,
    s.commitments.map((c, i) => ({ key: c.key, ord: i + 1, kind: c.kind, start: c.start, end: c.end, code: c.code, sectionName: c.sectionName, itemLabel: c.itemLabel, text: c.text })),
  );
  ensureSections(ctx, plan, s, batchId);
  reports.deleteCandidatesOfPlan(ctx.db, plan.id);
  const carried = carriedMatches(ctx, plan.id, s);
  for (const c of s.commitments) {
    reports.insertCandidate(ctx.db, { planId: plan.id, start: c.start, end: c.end, code: c.code, text: c.text, status: 'open', targetId: null, carriedTargetId: carried.get(c.key) ?? null });
  }
}

/** Carried-over targets of the plan, each matched to the commitment of the new report that repeats it. */
function carriedMatches(ctx: ServiceContext, planId: number, s: WorkReportStructure): Map<string, number> {
  const out = new Map<string, number>();
  const carried = reports.carriedInto(ctx.db, planId);
  if (carried.length === 0) return out;
  const linker = createLinker(s.text, s.commitments);
  for (const { targetId } of carried) {
    const t = repo.loadTarget(ctx.db, targetId);
    const hit = t ? linker.link(t.content) : null;
    if (hit && hit.score >= CARRY_MATCH && !out.has(hit.commitmentKey)) out.set(hit.commitmentKey, targetId);
  }
  return out;
}

const CARRY_MATCH = 0.5;

export async function importReport(ctx: ServiceContext, input: Input<'report.import'>): Promise<Output<'report.import'>> {
  const name = input.name ?? '粘贴的文字';
  const text = input.data !== undefined ? await reportTextOf(name, Buffer.from(input.data, 'base64')) : checkedText(input.text ?? '', name);
  const s = structureOf(text);
  if (s.sentences.length === 0) throw new AppError('validation', `${name} 中没有可分解的句子。`, { file: name });
  return ctx.db.transaction(() => {
    let plan = planByYear(ctx.db, input.year);
    if (!plan) {
      insertPlan(ctx.db, { year: input.year, city: readSettings(ctx.db).city, reportTitle: '政府工作报告', reportText: text });
      plan = planByYear(ctx.db, input.year)!;
    }
    const worked = reports.candidatesOf(ctx.db, plan.id).filter((c) => c.status === 'accepted');
    if (worked.length > 0 && plan.report_text !== text) {
      throw new AppError('conflict', `${input.year}年的报告已有${worked.length}条候选目标被采纳为责任目标，不能用另一份报告替换。`, { field: 'year' });
    }
    const before = { fileName: reports.workReportOf(ctx.db, plan.id)?.file_name ?? null, length: plan.report_text.length };
    reports.setReportText(ctx.db, plan.id, text);
    segmentReport(ctx, { ...plan, report_text: text }, name, before);
    return summaryOf(ctx, input.year);
  })();
}

function summaryOf(ctx: ServiceContext, year: number): Output<'report.import'> {
  const { plan, s } = reportOf(ctx, year);
  const row = reports.workReportOf(ctx.db, plan.id)!;
  return {
    year,
    fileName: row.file_name,
    importedAt: row.imported_at,
    parts: s.parts.length,
    sections: s.sections.filter((x) => x.code !== null).length,
    items: s.items.length,
    sentences: s.sentences.length,
    indicators: s.indicators.length,
    projects: s.projects.length,
    commitments: s.commitments.length,
    candidates: reports.candidatesOf(ctx.db, plan.id).filter((c) => c.status === 'open').length,
  };
}

// ---------------------------------------------------------------------------------------------- candidates

function sectionOf(s: WorkReportStructure, code: string): { code: string; name: string } {
  return { code, name: s.codes.find((c) => c.code === code)?.name ?? SECTION_NAMES[code] ?? code };
}

function quantityOfText(s: WorkReportStructure, c: CandidateRow): Output<'report.candidates'>[number]['quantity'] {
  const commitment = s.commitments.find((x) => x.start === c.start && x.end === c.end);
  if (commitment && commitment.text === c.text) return commitment.quantity;
  return structureOf(c.text).commitments[0]?.quantity ?? null;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

interface Suggester {
  /** `linked`: the targets already linked to the clause, whose lead units come first. */
  suggest(text: string, linked?: readonly number[]): Suggestion[];
}

/** Cores too common in a report to point at one unit. */
const GENERIC_CORES = new Set(['政府', '人民政府', '发展', '服务', '管理']);

/** 市交通运输局 → 交通运输, 菏泽市财政局 → 财政, 市发展改革委 → 发展改革. */
export function unitNameCore(unit: string): string {
  return unit
    .replace(/^(中共)?([^市]{2,3}市)?市?/, '')
    .replace(/(管理委员会|管委会|委员会|办公室|服务中心|中心|集团|有限公司|公司|局|委|办)$/, '');
}

/**
 * Lead units from the keyword table and from the assignments of similar targets, this year's and last
 * year's, with why. This year's count too: a year imported from its 一览表 (or the sample) already says
 * which unit leads what, before anyone fills the keyword table.
 */
function suggester(ctx: ServiceContext, year: number): Suggester {
  const table = reports.keywords(ctx.db);
  // Trigrams of the targets' contents once, not once per candidate: a year has ~200 targets and ~200 candidates.
  const known = [year, year - 1].flatMap((y) => {
    const plan = planByYear(ctx.db, y);
    return (plan ? repo.loadTargets(ctx.db, { planId: plan.id }) : [])
      .filter((t) => t.content.trim() !== '' && (t.assignments[0]?.leadUnits.length ?? 0) > 0)
      .map((t) => ({ t, y, grams: trigrams(t.content) }));
  });
  // The year's units (leading or cooperating), by the core of their name (市生态环境局 → 生态环境): a clause
  // naming the field a unit is named for. The leader is the one the unit leads a target with, if any.
  const leaderOf = new Map(known.flatMap(({ t }) => (t.assignments[0]?.leadUnits ?? []).map((u) => [u, (t.assignments[0]?.leaders ?? []).join('、')] as const)).reverse());
  const byName = getDirectory(ctx, year)
    .units.map(({ name }) => ({ unit: name, core: unitNameCore(name), leader: leaderOf.get(name) ?? '' }))
    .filter((u) => u.core.length >= 2 && !GENERIC_CORES.has(u.core));
  return {
    suggest(text: string, linked: readonly number[] = []): Suggestion[] {
      const out: Suggestion[] = [];
      // One line per unit; a unit suggested for two reasons shows both.
      const add = (s: Suggestion) => {
        const same = out.find((o) => o.unit === s.unit);
        if (!same) out.push(s);
        else if (!same.reason.includes(s.reason)) same.reason += `；${s.reason}`;
      };
      for (const id of linked) {
        const k = known.find((x) => x.t.id === id);
        const a = k?.t.assignments[0];
        for (const unit of a?.leadUnits ?? []) add({ unit, leader: (a?.leaders ?? []).join('、'), reason: `第${k!.t.serial}项的牵头单位` });
      }
      const grams = trigrams(text);
      const similar = known
        .map((k) => ({ ...k, score: dice(k.grams, grams) }))
        .filter((x) => x.score >= 0.45 && !linked.includes(x.t.id))
        .sort((a, b) => b.score - a.score || b.y - a.y)
        .slice(0, 2);
      for (const { t, y, score } of similar) {
        const a = t.assignments[0];
        const where = y === year ? `本年第${t.serial}项` : `${y}年第${t.serial}项`;
        for (const unit of a?.leadUnits ?? []) add({ unit, leader: (a?.leaders ?? []).join('、'), reason: `与${where}相似（${Math.round(score * 100)}%）` });
      }
      for (const k of table) if (text.includes(k.keyword)) add({ unit: k.unit, leader: k.leader, reason: `含“${k.keyword}”` });
      for (const u of byName) if (text.includes(u.core)) add({ unit: u.unit, leader: u.leader, reason: `含“${u.core}”（单位名称）` });
      return out;
    },
  };
}

/** The candidates as other tools read them (the stable JSON of `report candidates`). */
export function reportCandidates(ctx: ServiceContext, year: number): Output<'report.candidates'> {
  const { plan, s } = reportOf(ctx, year);
  const sug = suggester(ctx, year);
  return reports
    .candidatesOf(ctx.db, plan.id)
    .filter((c) => c.status !== 'merged' && c.status !== 'rejected')
    .map((c) => ({ text: c.text, section: sectionOf(s, c.code), span: { start: c.start, end: c.end }, quantity: quantityOfText(s, c), suggestedUnits: sug.suggest(c.text) }));
}

/** The candidates as the screen works them: with ids, status, the target made of each, a carried-over match. */
export function candidateWorklist(ctx: ServiceContext, year: number): Output<'report.worklist'> {
  const { plan, s } = reportOf(ctx, year);
  const sug = suggester(ctx, year);
  const serials = new Map((stmt(ctx.db, 'SELECT id, serial FROM targets WHERE plan_id = ?').all(plan.id) as { id: number; serial: number }[]).map((r) => [r.id, r.serial]));
  const covering = coveringTargets(ctx, plan, s);
  return {
    year,
    codes: s.codes,
    candidates: reports.candidatesOf(ctx.db, plan.id).map((c) => {
      const carried = c.carriedTargetId === null ? undefined : reports.carriedFrom(ctx.db, c.carriedTargetId);
      const coveredBy = covering(c);
      return {
        id: c.id,
        text: c.text,
        section: sectionOf(s, c.code),
        span: { start: c.start, end: c.end },
        quantity: quantityOfText(s, c),
        suggestedUnits: c.status === 'open' ? sug.suggest(c.text, coveredBy.map((t) => t.targetId)) : [],
        status: c.status,
        targetId: c.targetId,
        targetSerial: c.targetId === null ? null : (serials.get(c.targetId) ?? null),
        carriedOver: c.carriedTargetId === null ? null : { targetId: c.carriedTargetId, serial: serials.get(c.carriedTargetId) ?? 0, fromYear: carried?.year ?? year - 1, fromSerial: carried?.serial ?? 0 },
        coveredBy,
      };
    }),
  };
}

function requireCandidates(ctx: ServiceContext, ids: readonly number[], year: number, status: CandidateRow['status'][] = ['open']): CandidateRow[] {
  const plan = requirePlan(ctx, year);
  return ids.map((id) => {
    const c = reports.candidateById(ctx.db, id);
    if (!c || c.planId !== plan.id) throw new AppError('not-found', `找不到编号为 ${id} 的候选目标。`);
    if (!status.includes(c.status)) throw new AppError('conflict', `候选目标“${c.text.slice(0, 20)}”已${STATUS_WORDS[c.status]}，不能再操作。可先撤销。`);
    return c;
  });
}

const STATUS_WORDS: Record<CandidateRow['status'], string> = { open: '待处理', accepted: '采纳', rejected: '舍弃', merged: '合并' };

export function editCandidate(ctx: ServiceContext, input: Input<'report.editCandidate'>): { batchId: string } {
  const batchId = newBatchId('edit');
  ctx.db.transaction(() => {
    const [c] = requireCandidates(ctx, [input.id], input.year);
    const after = { ...c!, text: input.text.trim() };
    reports.updateCandidate(ctx.db, after);
    logCandidate(ctx, 'candidate-edit', c!, after, batchId);
  })();
  return { batchId };
}

export function rejectCandidates(ctx: ServiceContext, input: Input<'report.rejectCandidates'>): { batchId: string } {
  const batchId = newBatchId('reject');
  ctx.db.transaction(() => {
    for (const c of requireCandidates(ctx, input.ids, input.year)) {
      const after = { ...c, status: 'rejected' as const };
      reports.updateCandidate(ctx.db, after);
      logCandidate(ctx, 'candidate-reject', c, after, batchId);
    }
  })();
  return { batchId };
}

/** Merged candidates become the first of them, spanning all; the others are kept as merged, for undo. */
export function mergeCandidates(ctx: ServiceContext, input: Input<'report.mergeCandidates'>): { batchId: string; id: number } {
  const batchId = newBatchId('merge');
  const id = ctx.db.transaction(() => {
    const list = requireCandidates(ctx, input.ids, input.year).sort((a, b) => a.start - b.start);
    if (new Set(list.map((c) => c.id)).size < 2) throw new AppError('validation', '请至少选择两条候选目标合并。');
    const [first, ...rest] = list;
    const after = { ...first!, end: Math.max(...list.map((c) => c.end)), text: list.map((c) => c.text).join('') };
    reports.updateCandidate(ctx.db, after);
    logCandidate(ctx, 'candidate-merge', first!, after, batchId);
    for (const c of rest) {
      const merged = { ...c, status: 'merged' as const };
      reports.updateCandidate(ctx.db, merged);
      logCandidate(ctx, 'candidate-merge', c, merged, batchId);
    }
    return first!.id;
  })();
  return { batchId, id };
}

/** Splits a candidate at a character of its text; both halves keep their part of the report span when the text is as published. */
export function splitCandidate(ctx: ServiceContext, input: Input<'report.splitCandidate'>): { batchId: string; ids: [number, number] } {
  const batchId = newBatchId('split');
  const ids = ctx.db.transaction(() => {
    const [c] = requireCandidates(ctx, [input.id], input.year);
    const head = c!.text.slice(0, input.at).trim();
    const tail = c!.text.slice(input.at).replace(/^[,，;；、\s]+/, '').trim();
    if (head === '' || tail === '') throw new AppError('validation', '拆分位置应在文字中间，两部分都不能为空。', { field: 'at' });
    const plan = requirePlan(ctx, input.year);
    const s = structureOf(plan.report_text);
    const headSpan = locateWording(s, head);
    const tailSpan = locateWording(s, tail);
    const inside = (x: { start: number; end: number } | null) => x !== null && x.start >= c!.start && x.end <= c!.end;
    const first = { ...c!, text: head, end: inside(headSpan) ? headSpan!.end : c!.end };
    reports.updateCandidate(ctx.db, first);
    logCandidate(ctx, 'candidate-split', c!, first, batchId);
    const second: Omit<CandidateRow, 'id'> = { ...c!, text: tail, start: inside(tailSpan) ? tailSpan!.start : c!.start, carriedTargetId: null };
    const id = reports.insertCandidate(ctx.db, second);
    logCandidate(ctx, 'candidate-split', null, reports.candidateById(ctx.db, id)!, batchId);
    return [c!.id, id] as [number, number];
  })();
  return { batchId, ids };
}

/** The content of a target made from a clause: without the project's number and the closing full stop. */
function contentOf(text: string): string {
  return text.replace(/^[（(]\d{1,2}[）)]\s*/, '').replace(/[。；;，,\s]+$/, '').trim();
}

/**
 * Accepted candidates become targets in report order, numbered after the year's last serial, linked to
 * their span and given the first suggested lead unit. One matched to a carried-over target links that target instead.
 */
export function acceptCandidates(ctx: ServiceContext, input: Input<'report.acceptCandidates'>): Output<'report.acceptCandidates'> {
  const batchId = newBatchId('accept');
  return ctx.db.transaction(() => {
    const list = requireCandidates(ctx, input.ids, input.year).sort((a, b) => a.start - b.start || a.id - b.id);
    const { plan, s } = reportOf(ctx, input.year);
    if (!input.evenIfLinked) {
      const covering = coveringTargets(ctx, plan, s);
      const covered = list.map((c) => ({ c, by: covering(c) })).filter((x) => x.by.length > 0 && x.c.carriedTargetId === null);
      if (covered.length > 0) {
        const { c, by } = covered[0]!;
        throw new AppError(
          'conflict',
          `候选目标“${c.text.slice(0, 20)}”已关联：${by.map((t) => `第${t.serial}项`).join('、')}${covered.length > 1 ? `（共${covered.length}条已关联已有目标）` : ''}。再采纳会新增重复的责任目标；确需新增，请确认后再采纳。`,
        );
      }
    }
    const sections = ensureSections(ctx, plan, s, batchId);
    const sug = suggester(ctx, input.year);
    let serial = (stmt(ctx.db, 'SELECT coalesce(max(serial), 0) AS n FROM targets WHERE plan_id = ?').get(plan.id) as { n: number }).n;
    const targets: number[] = [];
    for (const c of list) {
      const wording = spanText(s.text, c);
      const sectionId = sections.get(c.code) ?? null;
      let targetId: number;
      if (c.carriedTargetId !== null && repo.loadTarget(ctx.db, c.carriedTargetId)) {
        targetId = c.carriedTargetId;
        changeTarget(ctx, targetId, 'report-link', (before) => repo.updateTargetFields(ctx.db, targetId, before.year, { ...fieldsOf(before), sectionId, sourceText: wording }), batchId);
      } else {
        const first = sug.suggest(c.text)[0];
        const created = createTarget(
          ctx,
          {
            year: input.year,
            serial: ++serial,
            content: contentOf(c.text),
            deadline: '年底',
            sectionId,
            assignments: [{ leaders: first?.leader ? first.leader.split('、') : [], leadUnits: first ? [first.unit] : [], cooperatingUnits: [] }],
          },
          batchId,
        );
        targetId = created.id;
        changeTarget(ctx, targetId, 'report-link', (before) => repo.updateTargetFields(ctx.db, targetId, before.year, { ...fieldsOf(before), sourceText: wording }), batchId);
      }
      const after = { ...c, status: 'accepted' as const, targetId };
      reports.updateCandidate(ctx.db, after);
      logCandidate(ctx, 'candidate-accept', c, after, batchId);
      targets.push(targetId);
    }
    return { batchId, targets: targets.map((id) => requireTarget(ctx, id)) };
  })();
}

function fieldsOf(t: Target) {
  return { serial: t.serial, content: t.content, deadline: t.deadline, sectionId: t.sectionId, sourceText: t.sourceText };
}

interface LoggedRow {
  id: number;
  entity: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

/** Takes one action of this feature back as a unit, refused when a target it wrote was edited since. */
export function undoReportBatch(ctx: ServiceContext, batchId: string): { undone: number } {
  return ctx.db.transaction(() => {
    const rows = stmt(ctx.db, 'SELECT id, entity, entity_id, before_json, after_json FROM change_log WHERE batch_id = ? ORDER BY id DESC').all(batchId) as LoggedRow[];
    if (!batchId.startsWith('report-') || rows.length === 0) throw new AppError('not-found', `找不到操作 ${batchId}。`);
    if (stmt(ctx.db, 'SELECT 1 FROM change_log WHERE batch_id = ? LIMIT 1').get(`undo-${batchId}`)) throw new AppError('conflict', '这项操作已经撤销过了。');
    const actor = actorOf(ctx);
    const undoId = `undo-${batchId}`;
    // Only the last state a batch left a target in must still be there.
    const lastAfter = new Map<number, string | null>();
    for (const r of rows) if (r.entity === 'target' && !lastAfter.has(r.entity_id!)) lastAfter.set(r.entity_id!, r.after_json);
    for (const [id, after] of lastAfter) {
      const now = repo.loadTarget(ctx.db, id) ?? null;
      if (snapshotKey(now) !== snapshotKey(after ? (JSON.parse(after) as Target) : null)) {
        throw new AppError('conflict', `第${now?.serial ?? ''}项在此之后又被修改过，撤销会丢失这些修改，未撤销。`);
      }
    }
    // Serials go back out of the way first: a renumbering swaps them, and serials are unique per year. The
    // state before that move is the one each target's first undo step starts from (the lock compares it).
    const unmoved = new Map([...lastAfter.keys()].map((id) => [id, repo.loadTarget(ctx.db, id) ?? null]));
    for (const id of lastAfter.keys()) stmt(ctx.db, 'UPDATE targets SET serial = serial + 1000000 WHERE id = ?').run(id);
    for (const r of rows) {
      const before = r.before_json ? JSON.parse(r.before_json) : null;
      if (r.entity === 'target') {
        const now = unmoved.has(r.entity_id!) ? unmoved.get(r.entity_id!)! : (repo.loadTarget(ctx.db, r.entity_id!) ?? null);
        unmoved.delete(r.entity_id!);
        if (before === null) repo.deleteTarget(ctx.db, r.entity_id!);
        else restoreSnapshot(ctx, before as Target, 'undo');
        const after = repo.loadTarget(ctx.db, r.entity_id!) ?? null;
        assertPublishedUnchanged(ctx, now, after);
        appendChange(ctx.db, actor, { kind: 'report-undo', entity: 'target', entityId: r.entity_id, targetId: r.entity_id, before: now, after, batchId: undoId });
      } else if (r.entity === 'report-candidate') {
        const now = reports.candidateById(ctx.db, r.entity_id!) ?? null;
        if (before === null) reports.deleteCandidate(ctx.db, r.entity_id!);
        else if (now) reports.updateCandidate(ctx.db, before as CandidateRow);
        else reports.insertCandidate(ctx.db, before as CandidateRow, (before as CandidateRow).id);
        appendChange(ctx.db, actor, { kind: 'report-undo', entity: 'report-candidate', entityId: r.entity_id, targetId: null, before: now, after: before, batchId: undoId });
      }
    }
    return { undone: rows.length };
  })();
}

// ---------------------------------------------------------------------------------------------- links

export function linkSuggestions(ctx: ServiceContext, year: number): Output<'report.linkSuggestions'> {
  const { plan, s } = reportOf(ctx, year);
  const linker = createLinker(s.text, s.commitments);
  return repo.loadTargets(ctx.db, { planId: plan.id }).map((t) => {
    const current = locateWording(s, t.sourceText);
    const hit = linker.link(t.content);
    return {
      targetId: t.id,
      serial: t.serial,
      content: t.content,
      current: current ? { ...current, text: spanText(s.text, current) } : null,
      suggestion: hit ? { start: hit.start, end: hit.end, text: hit.text, code: hit.code, score: Math.round(hit.score * 1000) / 1000 } : null,
    };
  });
}

function commitmentAt(s: WorkReportStructure, span: { start: number; end: number }): Commitment | undefined {
  return s.commitments.find((c) => c.start <= span.start && span.end <= c.end) ?? s.commitments.find((c) => c.start < span.end && span.start < c.end);
}

/** Links targets to spans (given, or every suggestion scoring at least minScore): source text and section. */
export function confirmLinks(ctx: ServiceContext, input: Input<'report.confirmLinks'>): Output<'report.confirmLinks'> {
  const batchId = newBatchId('link');
  return ctx.db.transaction(() => {
    const { plan, s } = reportOf(ctx, input.year);
    const sections = ensureSections(ctx, plan, s, batchId);
    const wanted: { targetId: number; start: number; end: number }[] = [...(input.links ?? [])];
    if (input.minScore !== undefined) {
      for (const l of linkSuggestions(ctx, input.year)) {
        if (l.suggestion && l.suggestion.score >= input.minScore && (l.current?.start !== l.suggestion.start || l.current?.end !== l.suggestion.end)) {
          wanted.push({ targetId: l.targetId, start: l.suggestion.start, end: l.suggestion.end });
        }
      }
    }
    let linked = 0;
    for (const w of wanted) {
      const t = requireTarget(ctx, w.targetId);
      if (repo.planIdOfTarget(ctx.db, t.id) !== plan.id) throw new AppError('validation', `第${t.serial}项不属于${input.year}年。`);
      if (w.start < 0 || w.end > s.text.length || w.end <= w.start) throw new AppError('validation', `第${t.serial}项的报告位置无效。`);
      const c = commitmentAt(s, w);
      const wording = spanText(s.text, w);
      const sectionId = c ? (sections.get(c.code) ?? t.sectionId) : t.sectionId;
      if (wording === t.sourceText && sectionId === t.sectionId) continue;
      changeTarget(ctx, t.id, 'report-link', (before) => repo.updateTargetFields(ctx.db, t.id, before.year, { ...fieldsOf(before), sectionId, sourceText: wording }), batchId);
      linked++;
    }
    return { batchId, linked };
  })();
}

/** Serials 1…n in the order of the targets' clauses in the report; unlinked targets follow in their order. */
export function renumberByReport(ctx: ServiceContext, year: number): Output<'report.renumber'> {
  const batchId = newBatchId('renumber');
  return ctx.db.transaction(() => {
    const { plan, s } = reportOf(ctx, year);
    const targets = repo.loadTargets(ctx.db, { planId: plan.id });
    const keyed = targets.map((t) => ({ t, at: locateWording(s, t.sourceText)?.start ?? Number.MAX_SAFE_INTEGER }));
    keyed.sort((a, b) => a.at - b.at || a.t.serial - b.t.serial);
    const moves = keyed.map((k, i) => ({ before: k.t, serial: i + 1 })).filter((m) => m.before.serial !== m.serial);
    // Out of the way first, so that no two targets hold one serial in between (serials are unique per year).
    for (const m of moves) stmt(ctx.db, 'UPDATE targets SET serial = serial + 1000000 WHERE id = ?').run(m.before.id);
    const actor = actorOf(ctx);
    for (const m of moves) {
      repo.updateTargetFields(ctx.db, m.before.id, year, { ...fieldsOf(m.before), serial: m.serial });
      repo.touchTarget(ctx.db, m.before.id);
      const after = requireTarget(ctx, m.before.id);
      assertPublishedUnchanged(ctx, m.before, after);
      appendChange(ctx.db, actor, { kind: 'renumber', entity: 'target', entityId: after.id, targetId: after.id, before: m.before, after, batchId });
    }
    return { batchId, changed: moves.length };
  })();
}

/** The report clause of one target, with its paragraph for the target panel, and where it was carried from. */
export function targetSource(ctx: ServiceContext, targetId: number): Output<'report.targetSource'> {
  const t = requireTarget(ctx, targetId);
  const carried = reports.carriedFrom(ctx.db, t.id);
  const carriedFrom = carried ? { targetId: carried.fromTargetId, year: carried.year, serial: carried.serial } : null;
  const plan = planByYear(ctx.db, t.year);
  if (!plan || plan.report_text.trim() === '') return { span: null, carriedFrom };
  const s = structureOf(plan.report_text);
  const span = locateWording(s, t.sourceText);
  if (!span) return { span: null, carriedFrom };
  const paraStart = s.text.lastIndexOf('\n\n', span.start) + 1;
  let paraEnd = s.text.indexOf('\n', span.end);
  if (paraEnd < 0) paraEnd = s.text.length;
  const paragraph = s.text.slice(paraStart, paraEnd);
  const lead = paragraph.length - paragraph.trimStart().length;
  return {
    span: {
      paragraph: paragraph.trim(),
      start: span.start - paraStart - lead,
      end: span.end - paraStart - lead,
      section: sectionOf(s, commitmentAt(s, span)?.code ?? 'other'),
    },
    carriedFrom,
  };
}

// ---------------------------------------------------------------------------------------------- coverage

function linkedSpans(ctx: ServiceContext, plan: PlanRow, s: WorkReportStructure) {
  const targets = stmt(ctx.db, 'SELECT id, serial, source_text AS sourceText FROM targets WHERE plan_id = ? ORDER BY serial').all(plan.id) as { id: number; serial: number; sourceText: string }[];
  return { targets, links: targets.map((t) => ({ ...t, span: locateWording(s, t.sourceText) })) };
}

/**
 * The year's targets already linked to a candidate's clause (their report wording overlaps it), other than
 * the one made of it: the same rule as 覆盖情况, so the three tabs agree on what is already decomposed.
 */
function coveringTargets(ctx: ServiceContext, plan: PlanRow, s: WorkReportStructure): (c: CandidateRow) => { targetId: number; serial: number }[] {
  const { links } = linkedSpans(ctx, plan, s);
  return (c) => links.filter((l) => l.span && l.id !== c.targetId && l.id !== c.carriedTargetId && l.span.start < c.end && c.start < l.span.end).map((l) => ({ targetId: l.id, serial: l.serial }));
}

function coveredBy(ctx: ServiceContext, plan: PlanRow, s: WorkReportStructure) {
  const { targets, links } = linkedSpans(ctx, plan, s);
  const by = new Map<string, { id: number; serial: number }[]>();
  for (const c of s.commitments) {
    by.set(
      c.key,
      links.filter((l) => l.span && l.span.start < c.end && c.start < l.span.end).map((l) => ({ id: l.id, serial: l.serial })),
    );
  }
  return { targets: targets.length, linkedTargets: links.filter((l) => l.span !== null).length, by };
}

export function reportCoverage(ctx: ServiceContext, year: number): Output<'report.coverage'> {
  const { plan, s } = reportOf(ctx, year);
  const { targets, linkedTargets, by } = coveredBy(ctx, plan, s);
  return {
    targets,
    linkedTargets,
    sections: s.codes.map(({ code, name }) => {
      const list = s.commitments.filter((c) => c.code === code);
      return { code, name, commitments: list.length, covered: list.filter((c) => by.get(c.key)!.length > 0).length };
    }),
  };
}

export function reportView(ctx: ServiceContext, year: number): Output<'report.view'> {
  const { plan, s } = reportOf(ctx, year);
  const { by } = coveredBy(ctx, plan, s);
  const row = reports.workReportOf(ctx.db, plan.id)!;
  return {
    year,
    fileName: row.file_name,
    importedAt: row.imported_at,
    text: s.text,
    coverage: reportCoverage(ctx, year),
    // A part's heading is its title line (the part itself runs to the next part).
    headings: [...s.parts.map((p) => ({ start: p.start, end: lineEnd(s.text, p.start) })), ...s.sentences.filter((x) => x.heading).map((x) => ({ start: x.start, end: x.end }))].sort((a, b) => a.start - b.start),
    commitments: s.commitments.map((c) => ({ key: c.key, kind: c.kind, start: c.start, end: c.end, text: c.text, code: c.code, targets: by.get(c.key)! })),
  };
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}

export async function exportUncovered(ctx: ServiceContext, year: number): Promise<Output<'report.exportUncovered'>> {
  const view = reportView(ctx, year);
  const names = new Map(view.coverage.sections.map((x) => [x.code, x.name]));
  const uncovered = view.commitments.filter((c) => c.targets.length === 0);
  if (uncovered.length === 0) throw new AppError('validation', `${year}年政府工作报告的每一项都已分解为责任目标，没有未覆盖的内容。`);
  const bytes = await listSheetBytes({
    sheet: '未分解事项',
    title: `${year}年政府工作报告未分解事项清单`,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '所属部分', width: 24 },
      { header: '报告原文', width: 70 },
    ],
    rows: uncovered.map((c, i) => [i + 1, names.get(c.code) ?? c.code, c.text]),
    orientation: 'portrait',
  });
  return { fileName: `${year}年政府工作报告未分解事项清单.xlsx`, data: bytes.toString('base64'), count: uncovered.length };
}

// ---------------------------------------------------------------------------------------------- keywords

export function keywords(ctx: ServiceContext): Output<'report.keywords'> {
  return reports.keywords(ctx.db);
}

export function saveKeywords(ctx: ServiceContext, rows: Input<'report.saveKeywords'>['keywords']): Output<'report.keywords'> {
  return ctx.db.transaction(() => {
    const before = reports.keywords(ctx.db);
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.keyword)) throw new AppError('validation', `关键词“${r.keyword}”重复。`, { field: 'keywords' });
      seen.add(r.keyword);
    }
    reports.replaceKeywords(ctx.db, rows.map((r) => ({ keyword: r.keyword, unit: r.unit, leader: r.leader ?? '' })));
    const after = reports.keywords(ctx.db);
    appendChange(ctx.db, actorOf(ctx), { kind: 'keywords', entity: 'unit-keywords', entityId: null, targetId: null, before, after, batchId: null });
    return after;
  })();
}

// ---------------------------------------------------------------------------------------------- carry-over

/**
 * Starts next year's plan with last year's unfinished and 长期坚持 targets: each is copied (content, deadline,
 * section, assignments; no progress) and keeps a link to the target it continues, whose history stays
 * with it. Targets already carried are not copied twice.
 */
export function carryOver(ctx: ServiceContext, from: number, to: number): Output<'plans.carryOver'> {
  if (to <= from) throw new AppError('validation', `结转的目标年度应晚于${from}年。`, { field: 'to' });
  const batchId = newBatchId('carry');
  return ctx.db.transaction(() => {
    const source = requirePlan(ctx, from);
    let target = planByYear(ctx.db, to);
    if (!target) {
      insertPlan(ctx.db, { year: to, city: source.city });
      target = planByYear(ctx.db, to)!;
    }
    const already = new Set(reports.carriedInto(ctx.db, target.id).map((c) => c.fromTargetId));
    const fromSections = new Map(sectionsOfPlan(ctx.db, source.id).map((x) => [x.id, x]));
    const toSections = new Map(sectionsOfPlan(ctx.db, target.id).map((x) => [x.code, x.id]));
    let ord = sectionsOfPlan(ctx.db, target.id).reduce((m, x) => Math.max(m, x.ord), 0);
    let serial = (stmt(ctx.db, 'SELECT coalesce(max(serial), 0) AS n FROM targets WHERE plan_id = ?').get(target.id) as { n: number }).n;
    const actor = actorOf(ctx);
    const at = new Date().toISOString();
    const carried: number[] = [];
    let finished = 0;
    for (const t of repo.loadTargets(ctx.db, { planId: source.id })) {
      if (already.has(t.id)) continue;
      if (t.deadlineKind !== 'long-term' && isFinished(t)) {
        finished++;
        continue;
      }
      const section = t.sectionId === null ? undefined : fromSections.get(t.sectionId);
      let sectionId: number | null = null;
      if (section) {
        sectionId = toSections.get(section.code) ?? addSection(ctx, target.id, { ord: ++ord, code: section.code, name: section.name, sourceText: '' }, batchId);
        toSections.set(section.code, sectionId);
      }
      const created = createTarget(
        ctx,
        {
          year: to,
          serial: ++serial,
          content: t.content,
          deadline: t.deadline || '年底',
          sectionId,
          assignments: t.assignments.map((a) => ({ leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits })),
        },
        batchId,
      );
      reports.insertCarryOver(ctx.db, created.id, t.id, at, actor);
      carried.push(created.id);
    }
    // Next year's report already imported: its candidates learn which carried-over target they repeat.
    if (carried.length > 0 && target.report_text.trim() !== '' && reports.workReportOf(ctx.db, target.id)) {
      const matches = carriedMatches(ctx, target.id, structureOf(target.report_text));
      const s = structureOf(target.report_text);
      for (const c of reports.candidatesOf(ctx.db, target.id)) {
        const key = s.commitments.find((x) => x.start === c.start && x.end === c.end)?.key;
        const match = key === undefined ? undefined : matches.get(key);
        if (c.status !== 'open' || c.carriedTargetId !== null || match === undefined) continue;
        const after = { ...c, carriedTargetId: match };
        reports.updateCandidate(ctx.db, after);
        logCandidate(ctx, 'candidate-carried', c, after, batchId);
      }
    }
    return { year: to, batchId, carried: carried.length, finished };
  })();
}

/**
 * Finished: every line's latest status wording says so (已完成, 办结, 已完工), or Q4 is reported 是 on every
 * line. Progress texts are not read for it: "已完成全年目标的80%" is not finished.
 */
function isFinished(t: Target): boolean {
  const last = Math.max(0, ...t.assignments.flatMap((a) => a.progress.filter((p) => p.text.trim() !== '' || p.onSchedule !== null).map((p) => p.quarter)));
  if (last === 0) return false;
  return t.assignments.every((a) => {
    const p = a.progress.find((x) => x.quarter === last);
    if (!p) return false;
    if (/已完成|办结|已完工/.test(p.onScheduleText)) return true;
    return last === 4 && p.onSchedule === 'yes';
  });
}
