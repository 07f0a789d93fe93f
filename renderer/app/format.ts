import type { OnSchedule } from '../../shared/domain';

export const ON_SCHEDULE_OPTIONS: { value: OnSchedule | ''; label: string }[] = [
  { value: '', label: '未填' },
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
  { value: 'basic', label: '基本' },
];

// One way to write dates on every screen, as official documents do (2023年10月20日), whatever the
// browser's own locale (an English Windows would otherwise show 10/20/2023).
const DATE = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
const TIME = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const TIME_SECONDS = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** 17:05:03, for the save state. */
export function timeOfDay(d: Date): string {
  return TIME_SECONDS.format(d);
}

/** 2023年10月20日, from a date (YYYY-MM-DD, read as a local day) or a timestamp. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (day) return DATE.format(new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    value = new Date(value);
  }
  return Number.isNaN(value.getTime()) ? '' : DATE.format(value);
}

/** 2023年10月20日 09:05 */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${DATE.format(d)} ${TIME.format(d)}`;
}

export const CHANGE_KIND_LABELS: Record<string, string> = {
  create: '新建目标',
  update: '修改目标',
  assignments: '调整分工',
  progress: '填报进展',
  delete: '删除目标',
  import: '导入',
  undo: '撤销导入',
  revert: '恢复到此前',
  'review-note': '督办意见',
  'confirm-actual': '确认数据',
  // work report
  'report-link': '关联报告原文',
  renumber: '按报告顺序编号',
  'report-undo': '撤销（报告分解）',
  // Writes outside a target (WRITES): in the change log with their old and new values.
  'import-batch': '导入批次',
  'import-undo': '撤销导入批次',
  settings: '修改设置',
  alias: '添加单位简称',
  'round-open': '开始季度调度',
  'round-due': '设置报送截止日期',
  'round-mark': '登记报送',
  publish: '发布并锁定',
  unlock: '解除锁定',
  restore: '从备份恢复',
  'notice-issue': '发出督办通知',
  'notice-reply': '登记督办回复',
};

/** What 完成时限 usually says, offered as suggestions (any text is accepted). */
export const DEADLINE_SUGGESTIONS = ['年底', '长期坚持', '6月底前', '9月底前', '第四季度'];

/** Today as YYYY-MM-DD in local time, the value of an <input type="date">. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
