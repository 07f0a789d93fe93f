/**
 * The wording of the official tables, editable in the settings: templates with placeholders in the
 * office's own words ({城市} {年} {季度} {目标数}), so a user who changes a title sees what it means.
 */
import { quarterLabel, type Quarter } from './domain';

export const WORDING_PLACEHOLDERS = ['{城市}', '{年}', '{季度}', '{目标数}'] as const;

export interface ExportWording {
  title: string;
  paragraph: string;
  /** The seven overview columns, in order. */
  headers: string[];
}

export const OVERVIEW_COLUMN_COUNT = 7;

export const DEFAULT_WORDING: ExportWording = {
  title: '{城市}人民政府{年}年经济社会发展责任目标{季度}工作推进情况一览表',
  paragraph:
    '市政府办公室对{年}年《政府工作报告》确定的{目标数}项经济社会发展责任目标{季度}工作推进情况进行了调度。依据政务公开有关规定，现将工作完成情况向社会公开，接受群众监督。',
  headers: ['序号', '市政府领导', '责任目标内容', '完成时限', '{季度}完成情况', '是否按计划完成进度', '责任单位'],
};

export interface WordingValues {
  city: string;
  year: number;
  quarter: Quarter;
  /** How many targets the plan has (the paragraph speaks of the plan, however many a filtered table shows). */
  count: number;
}

export function fillWording(template: string, v: WordingValues): string {
  return template
    .replaceAll('{城市}', v.city)
    .replaceAll('{年}', String(v.year))
    .replaceAll('{季度}', quarterLabel(v.quarter))
    .replaceAll('{目标数}', String(v.count));
}

/** Why a backup was taken, as the backup list says it. */
export const BACKUP_REASON_LABELS: Record<'import' | 'migration' | 'restore' | 'daily' | 'manual', string> = {
  import: '导入前自动备份',
  migration: '升级前自动备份',
  restore: '恢复前自动备份',
  daily: '每日自动备份',
  manual: '手动备份',
};
