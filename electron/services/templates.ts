/**
 * Collection templates (季度调度 报送模板): one workbook per responsible unit (a line belongs to every unit
 * in it, lead or cooperating) or per leader, each listing only that unit's or leader's lines.
 */
import JSZip from 'jszip';
import type { Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { quarterLabel, type Quarter } from '../../shared/domain';
import { readSettings } from '../db/repos/settings';
import { loadTargets } from '../db/repos/targets';
import { cooperatingReturnsOfQuarter } from '../db/repos/returns';
import { templatesBytes, type TemplateInput } from '../excel/templateWriter';
import { zipEntryDate } from '../excel/zipTime';
import type { ServiceContext } from './context';
import { requirePlan } from './plans';
import { openRound } from './rounds';

export interface TemplateExportOptions {
  year: number;
  quarter: Quarter;
  by: 'unit' | 'leader';
}

export interface TemplateFile {
  fileName: string;
  bytes: Buffer;
}

/** Characters Windows does not allow in a file name become 「_」; trailing dots and spaces go; reserved names get a suffix. */
export function sanitizeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let s = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').trim();
  if (s === '') s = '未命名';
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(s)) s = `${s}_`;
  return s;
}

export function templateFileName(owner: string, year: number, quarter: Quarter): string {
  return sanitizeFileName(`${owner}_${year}年${quarterLabel(quarter)}责任目标推进情况.xlsx`);
}

/** Owners in order of first appearance (serial order, lead units before cooperating), each with its lines. */
export function groupTargets(targets: Target[], by: 'unit' | 'leader'): Map<string, Target[]> {
  const groups = new Map<string, Target[]>();
  for (const t of targets) {
    const owners: string[] = [];
    for (const a of t.assignments) for (const o of by === 'unit' ? [...a.leadUnits, ...a.cooperatingUnits] : a.leaders) if (!owners.includes(o)) owners.push(o);
    for (const owner of owners) {
      const lines = t.assignments.filter((a) => (by === 'unit' ? a.leadUnits.includes(owner) || a.cooperatingUnits.includes(owner) : a.leaders.includes(owner)));
      const list = groups.get(owner) ?? [];
      list.push({ ...t, assignments: lines });
      groups.set(owner, list);
    }
  }
  return groups;
}

export async function exportTemplates(ctx: ServiceContext, options: TemplateExportOptions): Promise<TemplateFile[]> {
  const plan = requirePlan(ctx, options.year);
  // Every quarter's progress: the previous quarter's is shown for reference.
  const targets = loadTargets(ctx.db, { planId: plan.id });
  const groups = groupTargets(targets, options.by);
  if (groups.size === 0) throw new AppError('validation', `${options.year}年的责任目标中没有${options.by === 'unit' ? '责任单位' : '市政府领导'}，未生成报送模板。`);
  const city = plan.city.trim() || readSettings(ctx.db).city.trim();
  const fileNames: string[] = [];
  const inputs: TemplateInput[] = [];
  const used = new Set<string>();
  const generatedAt = new Date().toISOString();
  const cooperating = cooperatingReturnsOfQuarter(ctx.db, options.quarter);
  for (const [owner, list] of groups) {
    let fileName = templateFileName(owner, options.year, options.quarter);
    // Two names that sanitise alike (市a/b局, 市a_b局) must not overwrite each other.
    for (let n = 2; used.has(fileName.toLowerCase()); n++) fileName = templateFileName(`${owner}(${n})`, options.year, options.quarter);
    used.add(fileName.toLowerCase());
    fileNames.push(fileName);
    const own = new Map(list.flatMap((t) => t.assignments.map((a) => [a.id, cooperating.get(`${a.id}|${owner}`)] as const)).filter((e): e is [number, NonNullable<(typeof e)[1]>] => e[1] !== undefined));
    inputs.push({ city, year: options.year, quarter: options.quarter, unit: owner, targets: list, by: options.by, cooperatingReturns: own, generatedAt });
  }
  const bytes = await templatesBytes(inputs);
  openRound(ctx, options.year, options.quarter, options.by);
  return fileNames.map((fileName, i) => ({ fileName, bytes: bytes[i]! }));
}

/** All templates of a round in one zip, as the renderer offers them for download (one file to copy to a USB stick). */
export async function exportTemplatesZip(ctx: ServiceContext, options: TemplateExportOptions): Promise<{ fileName: string; data: string; count: number }> {
  const files = await exportTemplates(ctx, options);
  if (files.length === 0) throw new AppError('validation', '没有可生成模板的责任单位或市政府领导。');
  const zip = new JSZip();
  const date = zipEntryDate();
  for (const f of files) zip.file(f.fileName, f.bytes, { date });
  // Stored: each workbook is compressed already, and JSZip's JavaScript deflate would spend ~0.3 s on 2.7 MB to gain nothing.
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  const fileName = `${options.year}年${quarterLabel(options.quarter)}责任目标报送模板（${options.by === 'leader' ? '按市政府领导' : '按责任单位'}）.zip`;
  return { fileName, data: bytes.toString('base64'), count: files.length };
}
