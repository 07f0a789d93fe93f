/**
 * The year-end assessment (考核): scores recomputed from the store's events and the year's rules on every
 * read, never stored; the rules and the hand-entered values are the only writes, each in the change log.
 */
import type { Assessment, AssessmentRules } from '../../../shared/contract';
import { DEFAULT_RULES, KIND_LABELS, round2, scoreAssessment } from '../../../shared/assessment/score';
import { ASSESSMENT_KINDS } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { quarterLabel } from '../../../shared/domain';
import * as repo from '../../db/repos/assessment';
import { appendChange } from '../../db/repos/changeLog';
import { findUnitId, unitName } from '../../db/repos/directory';
import type { PlanRow } from '../../db/repos/plans';
import { readSettings } from '../../db/repos/settings';
import { listWorkbookBytes } from '../../excel/listSheet';
import { actorOf, type ServiceContext } from '../context';
import { requirePlan } from '../plans';
import { collectEvents } from './events';

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function rulesOf(ctx: ServiceContext, plan: PlanRow): AssessmentRules {
  return repo.savedRules(ctx.db, plan.id) ?? DEFAULT_RULES;
}

/** `asOf`: the day the assessment is made (a reply or a return not in by then is missing); today by default. */
export function getAssessment(ctx: ServiceContext, year: number, asOf?: string): Assessment {
  const plan = requirePlan(ctx, year);
  const day = asOf ?? localDay(new Date());
  const rules = rulesOf(ctx, plan);
  const collected = collectEvents(ctx, plan, day);
  const units = scoreAssessment({ units: collected.units, events: collected.events, rules, entries: repo.entriesOf(ctx.db, plan.id) });
  return {
    year,
    city: plan.city.trim() || readSettings(ctx.db).city.trim(),
    asOf: day,
    base: rules.base,
    rules,
    quarters: collected.quarters,
    notes: collected.notes,
    units,
  };
}

/** Saves the year's rule table; the change log keeps the table before and after (scores follow on the next read). */
export function saveRules(ctx: ServiceContext, year: number, rules: AssessmentRules): AssessmentRules {
  return ctx.db.transaction(() => {
    const plan = requirePlan(ctx, year);
    const before = rulesOf(ctx, plan);
    if (JSON.stringify(before) === JSON.stringify(rules)) return before;
    const actor = actorOf(ctx);
    repo.putRules(ctx.db, plan.id, rules, new Date().toISOString(), actor);
    appendChange(ctx.db, actor, { kind: 'assessment-rules', entity: 'assessment-rules', entityId: plan.id, targetId: null, before: { year, rules: before }, after: { year, rules } });
    return rules;
  })();
}

/** A hand-entered value (0–100) of one item for one unit; null clears it. */
export function saveEntry(ctx: ServiceContext, input: { year: number; item: string; unit: string; value: number | null }): { item: string; unit: string; value: number | null } {
  return ctx.db.transaction(() => {
    const plan = requirePlan(ctx, input.year);
    const item = rulesOf(ctx, plan).items.find((i) => i.id === input.item);
    if (!item) throw new AppError('validation', `${input.year}年考核细则中没有“${input.item}”这一手工录入项目。`, { field: 'item' });
    const unitId = findUnitId(ctx.db, input.unit);
    if (unitId === undefined) throw new AppError('not-found', `找不到责任单位“${input.unit}”。`, { field: 'unit' });
    const unit = unitName(ctx.db, unitId);
    const before = repo.entryOf(ctx.db, plan.id, item.id, unitId);
    const value = input.value === null ? null : round2(input.value);
    if (before !== value) {
      const actor = actorOf(ctx);
      repo.putEntry(ctx.db, plan.id, item.id, unitId, value, new Date().toISOString(), actor);
      appendChange(ctx.db, actor, {
        kind: 'assessment-entry',
        entity: 'assessment-entry',
        entityId: unitId,
        targetId: null,
        before: { year: input.year, item: item.name, unit, value: before },
        after: { year: input.year, item: item.name, unit, value },
      });
    }
    return { item: item.id, unit, value };
  })();
}

export function assessmentTitle(a: Pick<Assessment, 'city' | 'year'>): string {
  return `${a.city}人民政府${a.year}年经济社会发展责任目标落实情况考核结果`;
}

/** The kinds that can move a score under these rules: the deduction columns of the table. */
export function scoredKinds(rules: AssessmentRules): (typeof ASSESSMENT_KINDS)[number][] {
  return ASSESSMENT_KINDS.filter((k) => rules.kinds[k].points !== 0);
}

/** The official table (单位, 得分, 排名, the points by kind, the hand-entered items) and every event behind it. */
export async function exportAssessment(ctx: ServiceContext, year: number, asOf?: string): Promise<{ fileName: string; data: string; units: number }> {
  const a = getAssessment(ctx, year, asOf);
  if (a.units.length === 0) throw new AppError('validation', `${year}年的责任目标中没有责任单位，无法考核。`);
  const kinds = scoredKinds(a.rules);
  const items = a.rules.items.filter((i) => i.share > 0);
  const bytes = await listWorkbookBytes([
    {
      sheet: '考核结果',
      title: assessmentTitle(a),
      titleStyle: 'official',
      columns: [
        { header: '单位', width: 26 },
        { header: '得分', width: 9, center: true },
        { header: '排名', width: 7, center: true },
        ...kinds.map((k) => ({ header: KIND_LABELS[k], width: 12, center: true })),
        ...items.map((i) => ({ header: `${i.name}（占${round2(i.share * 100)}%）`, width: 14, center: true })),
      ],
      rows: a.units.map((u) => [u.unit, u.score, u.rank, ...kinds.map((k) => u.byKind[k] ?? 0), ...items.map((i) => u.items[i.id] ?? '未录入')]),
      orientation: 'landscape',
    },
    {
      sheet: '计分明细',
      title: `${a.year}年责任目标落实情况考核计分明细（基础分${a.base}分，截至${a.asOf}）`,
      columns: [
        { header: '单位', width: 22 },
        { header: '序号', width: 6, center: true },
        { header: '季度', width: 8, center: true },
        { header: '日期', width: 12, center: true },
        { header: '分值', width: 8, center: true },
        { header: '事由', width: 60 },
        { header: '依据', width: 36 },
      ],
      rows: a.units.flatMap((u) => u.events.map((e) => [u.unit, e.serial ?? '', e.quarter === null ? '' : quarterLabel(e.quarter), e.date ?? '', e.points, e.reason, e.rule])),
      orientation: 'landscape',
    },
  ]);
  return { fileName: `${a.city}${year}年责任目标落实情况考核结果.xlsx`, data: bytes.toString('base64'), units: a.units.length };
}
