/** The CLI's text output: what each command prints without --json. */
import type { BackupSummaryInfo, ImportPreview, ImportSummary, Note, Review, RoundStatus, Target } from '../../shared/contract';
import { ON_SCHEDULE_LABELS, quarterLabel, type Quarter } from '../../shared/domain';
import { formatWhere } from '../../shared/errors';
import { FLAG_LABELS, LIGHT_LABELS, STATUS_LABELS } from '../../shared/review/status';
import { BACKUP_REASON_LABELS } from '../../shared/wording';

const localTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

export function targetsText(targets: Target[]): string {
  const out: string[] = [];
  for (const t of targets) {
    out.push(`${t.year}年 第${t.serial}项  ${t.deadline}  ${t.content || '（内容为空）'}`);
    for (const a of t.assignments) {
      out.push(`    领导：${a.leaders.join('、') || '—'}  牵头：${a.leadUnits.join('、') || '—'}  配合：${a.cooperatingUnits.join('、') || '—'}`);
      for (const p of a.progress) {
        const flag = p.onSchedule ? ON_SCHEDULE_LABELS[p.onSchedule] : '未填';
        out.push(`      ${quarterLabel(p.quarter)}［${flag}］${p.text.slice(0, 60)}${p.text.length > 60 ? '…' : ''}`);
      }
    }
  }
  out.push(`共 ${targets.length} 项责任目标。`);
  return out.join('\n');
}

export function summaryText(s: ImportSummary): string {
  return `新增目标 ${s.targetsNew} 项，更新 ${s.targetsUpdated} 项，无变化 ${s.targetsUnchanged} 项，冲突 ${s.conflicts} 项，错误 ${s.errors} 项，警告 ${s.warnings} 条；新增分工 ${s.linesNew} 条，更新分工 ${s.linesUpdated} 条`;
}

/** Warnings and errors, not the informational notes: about the files as a whole first (a locked quarter), then per target. */
export function shownNotes(preview: ImportPreview): Note[] {
  return [...preview.notes, ...preview.items.flatMap((i) => i.notes)].filter((n) => n.severity !== 'info');
}

export function noteText(n: Note): string {
  const where = formatWhere(n.where);
  return `  ${n.severity === 'error' ? '错误' : '警告'}：${n.message}${where ? `（${where}）` : ''}`;
}

export function backupText(b: BackupSummaryInfo): string {
  const c = b.counts;
  return [
    `备份文件：${b.file}`,
    `备份时间：${localTime(b.takenAt)}${b.reason ? `（${BACKUP_REASON_LABELS[b.reason]}）` : ''}`,
    `内容：${b.years.length > 0 ? `${b.years.join('、')}年度，` : ''}${c.targets} 项目标，${c.assignments} 条分工，${c.progressReports} 条季度进展，${c.importBatches} 次导入，${c.changeLog} 条变更记录`,
    `最后一次修改：${b.lastChangeAt ? localTime(b.lastChangeAt) : '无'}`,
  ].join('\n');
}

export function reviewText(review: Review): string {
  const c = review.counts;
  const statuses = (Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((s) => `${STATUS_LABELS[s]} ${c.statuses[s]}`).join('，');
  const out = [`${review.year}年${quarterLabel(review.quarter)}：共 ${c.total} 项；${statuses}；红灯 ${c.lights.red}，黄灯 ${c.lights.yellow}，绿灯 ${c.lights.green}`];
  for (const i of review.items) {
    const flags = i.flags.length > 0 ? `  ［${i.flags.map((f) => FLAG_LABELS[f]).join('、')}］` : '';
    out.push(`${String(i.serial).padStart(3)}  ${LIGHT_LABELS[i.light]}  ${STATUS_LABELS[i.status]}  ${i.rule}${flags}`);
  }
  return out.join('\n');
}

export function reviewRows(review: Review): unknown[] {
  return review.items.map((i) => ({ serial: i.serial, status: i.status, statusLabel: STATUS_LABELS[i.status], light: i.light, rule: i.rule, flags: i.flags }));
}

export function roundText(status: RoundStatus): string {
  const who = status.by === 'unit' ? '个单位' : '位领导';
  const out = [
    `${status.year}年${quarterLabel(status.quarter)}报送情况：应报送 ${status.expected} ${who}，已报送 ${status.returned}（其中有提示 ${status.withWarnings}），未报送 ${status.expected - status.returned}${status.dueDate ? `；报送截止 ${status.dueDate}` : ''}`,
  ];
  const missing = status.owners.filter((o) => !o.returned);
  if (missing.length > 0) out.push(`未报送：\n${missing.map((o) => `  ${o.owner}（${o.lines}条分工）`).join('\n')}`);
  const returned = status.owners.filter((o) => o.returned);
  if (returned.length > 0) {
    out.push(`已报送：\n${returned.map((o) => `  ${o.owner}  ${o.returnedAt?.slice(0, 10) ?? ''}  ${o.manual ? '手工登记' : o.files.join('、')}${o.warnings > 0 ? `  提示${o.warnings}条` : ''}`).join('\n')}`);
  }
  for (const u of status.unmatched) out.push(`名单外：${u.owner}（${u.file}）`);
  return out.join('\n');
}

export const periodText = (year: number, quarter: Quarter) => `${year}年${quarterLabel(quarter)}`;
