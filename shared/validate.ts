import { z } from 'zod';
import { AppError } from './errors';
import { isMethodName, methods, type MethodName, type ParsedInput } from './contract';

// Zod's own Chinese messages for the generic cases; the contract gives domain wording where it matters.
z.config(z.locales.zhCN());

/**
 * The Chinese names of the fields users fill in, by the last part of their path (reviewThresholds.green →
 * 绿灯阈值). An internal name never reaches the user: a field not listed is not named.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  serial: '序号',
  content: '责任目标内容',
  deadline: '完成时限',
  sectionId: '篇章',
  leaders: '市政府领导',
  leadUnits: '牵头单位',
  cooperatingUnits: '配合单位',
  text: '完成情况',
  onSchedule: '是否按计划完成进度',
  year: '年度',
  quarter: '季度',
  userName: '使用人',
  city: '城市名称',
  exportTitle: '一览表标题',
  exportParagraph: '说明段落',
  exportHeaders: '列名',
  paperSize: '纸张',
  exportLayout: '版式',
  reviewThresholds: '预警阈值',
  green: '绿灯阈值',
  yellow: '黄灯阈值',
  ahead: '超进度阈值',
  overdueYellowDays: '逾期转黄灯天数',
  overdueRedDays: '逾期转红灯天数',
  minReportChars: '内容过简字数',
  backupDir: '备份文件夹',
  backupKeepLast: '保留最近的备份份数',
  backupKeepMonthly: '另保留每月一份的月数',
  dueDate: '报送截止日期',
  publishedOn: '发布日期',
  reason: '理由',
  note: '督办意见',
  actual: '实际数据',
};

/** The Chinese name of a field path, or null when it is not one a user fills in. */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const key = path[i];
    if (typeof key === 'string' && key in FIELD_LABELS) return FIELD_LABELS[key]!;
  }
  return null;
}

/** Validates one request for a method, or throws an AppError naming the field in Chinese. */
export function parseRequest<M extends MethodName>(method: M, payload: unknown): ParsedInput<M> {
  const result = methods[method].input.safeParse(payload ?? {});
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const label = fieldLabel(issue.path);
  // The contract's own messages often name the field already (绿灯阈值应在50%至100%之间).
  const message = label === null ? `请求参数有误：${issue.message}` : issue.message.includes(label) ? issue.message : `${label}：${issue.message}`;
  throw new AppError('invalid-request', message, field ? { field } : undefined);
}

export function requireMethod(name: unknown): MethodName {
  if (typeof name !== 'string' || !isMethodName(name)) {
    throw new AppError('unknown-method', `未知的操作：${String(name).slice(0, 60)}`);
  }
  return name;
}
