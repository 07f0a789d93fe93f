/**
 * The typed contract between the renderer and the service: one zod schema per request and response and
 * one method map. Every host (Electron IPC, browser-mode HTTP, CLI) validates requests with these
 * schemas before the service sees them.
 */
import { z } from 'zod';
import { BULLETIN_WORDING_KEYS, type BulletinWording } from './bulletin/wording';

/** The longest text a field takes: Excel's own cell limit is 32,767 characters. */
export const MAX_CELL_TEXT = 20_000;
const MAX_TEXT = MAX_CELL_TEXT;

export const yearSchema = z.number().int().min(2000, '年份应在2000至2100之间').max(2100, '年份应在2000至2100之间');
export const quarterSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const idSchema = z.number().int().positive();
export const serialSchema = z.number({ error: '序号必须是正整数' }).int('序号必须是正整数').positive('序号必须是正整数').max(99_999, '序号过大');
export const onScheduleSchema = z.enum(['yes', 'no', 'basic']);
export const nameSchema = z
  .string()
  .trim()
  .min(1, '名称不能为空')
  .max(100, '名称不能超过100个字');
const textSchema = z.string().max(MAX_TEXT, `内容不能超过${MAX_TEXT}个字`);
const deadlineKindSchema = z.enum(['year-end', 'long-term', 'month', 'date', 'quarter', 'multi-year', 'none', 'unknown']);

export const progressReportSchema = z.object({
  quarter: quarterSchema,
  text: z.string(),
  onSchedule: onScheduleSchema.nullable(),
  /** The wording as written (达序推进, 80%（进度滞后）…), shown beside the reading. */
  onScheduleText: z.string(),
  updatedAt: z.string(),
});

export const assignmentSchema = z.object({
  id: idSchema,
  leaders: z.array(z.string()),
  leadUnits: z.array(z.string()),
  cooperatingUnits: z.array(z.string()),
  progress: z.array(progressReportSchema),
});

export const targetSchema = z.object({
  id: idSchema,
  year: yearSchema,
  serial: z.number().int(),
  content: z.string(),
  deadline: z.string(),
  deadlineKind: deadlineKindSchema,
  deadlineDue: z.string().nullable(),
  sectionId: idSchema.nullable(),
  sourceText: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  assignments: z.array(assignmentSchema),
  /** On a write's response only: the change-log entry the write made (for undo). */
  changeId: z.number().int().optional(),
});

export const sectionSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  ord: z.number().int(),
  /** How many of the plan's targets the section holds (the 篇章 filter lists the sections with targets). */
  targetCount: z.number().int(),
});

export const planSummarySchema = z.object({
  year: yearSchema,
  city: z.string(),
  targetCount: z.number().int(),
  assignmentCount: z.number().int(),
  maxSerial: z.number().int(),
  /** Quarters that have at least one progress report, ascending. */
  reportedQuarters: z.array(quarterSchema),
  sections: z.array(sectionSchema),
  /** The sample data set loaded on a first start (示例数据), to be told apart from the user's own years. */
  sample: z.boolean(),
});

/** One line of an overview: an assignment with the chosen quarter's progress only. */
export const overviewLineSchema = z.object({
  id: idSchema,
  leaders: z.array(z.string()),
  leadUnits: z.array(z.string()),
  cooperatingUnits: z.array(z.string()),
  progress: progressReportSchema.nullable(),
  /** false when the target is shown for context but this line does not meet the filter. */
  matches: z.boolean(),
  /** The quarter before's report, when asked for (filter.withPrevious) and the quarter is not Q1. */
  previous: progressReportSchema.nullable().optional(),
});

export const overviewRowSchema = z.object({
  id: idSchema,
  serial: z.number().int(),
  content: z.string(),
  deadline: z.string(),
  sectionId: idSchema.nullable(),
  version: z.number().int(),
  lines: z.array(overviewLineSchema),
});

export const overviewFilterSchema = z.object({
  leader: z.string().trim().min(1).max(100).optional(),
  unit: z.string().trim().min(1).max(100).optional(),
  onSchedule: z.enum(['yes', 'no', 'basic', 'blank']).optional(),
  sectionId: idSchema.optional(),
  /** Only the targets in no section (未归入篇章), as the dashboard groups them. */
  unsectioned: z.boolean().optional(),
  query: z.string().trim().max(200, '搜索词不能超过200个字').optional(),
  /** The query looks in every quarter's progress; by default only in the quarter shown (what the screen shows). */
  searchAllQuarters: z.boolean().optional(),
  /** Each line also carries last quarter's report, for the optional 上季度完成情况 column. */
  withPrevious: z.boolean().optional(),
});

export const assignmentInputSchema = z.object({
  /** Present for an existing line, so that its progress stays with it. */
  id: idSchema.optional(),
  leaders: z.array(nameSchema).max(20),
  leadUnits: z.array(nameSchema).max(50),
  cooperatingUnits: z.array(nameSchema).max(100),
});

export const targetPatchSchema = z
  .object({
    serial: serialSchema,
    content: textSchema,
    deadline: z.string().max(100, '完成时限不能超过100个字'),
    sectionId: idSchema.nullable(),
    sourceText: textSchema,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, '没有要修改的内容');

/**
 * The target's version the edit was made on (as the window showed it). When the target has moved on since
 * and what the edit changes was changed by someone else, the edit is refused as stale ('stale'), not
 * silently written over the other change. Absent: no check (batch tools).
 */
export const baseVersionSchema = z.number().int().nonnegative().optional();

export const changeEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  targetId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const paperSizeSchema = z.enum(['A3', 'A4']);
export const overviewLayoutSchema = z.enum(['single', 'two-block']);

/** PRINT (issue 19): one line of a target in the print view, its cells as the official table writes them. */
const printLineSchema = z.object({ leaders: z.string(), progress: z.string(), onSchedule: z.string(), units: z.string() });
const printTargetSchema = z.object({ serial: z.number().int(), content: z.string(), deadline: z.string(), lines: z.array(printLineSchema).min(1) });
/** The 一览表 as the print view lays it out: the export's wording, paper and layout, its blocks already split. */
export const overviewPrintSchema = z.object({
  title: z.string(),
  paragraph: z.string(),
  headers: z.array(z.string()),
  layout: overviewLayoutSchema,
  paperSize: paperSizeSchema,
  /** 2023年10月20日发布, or what changed since the publication (the export's footer note). */
  footNote: z.string().optional(),
  /** The name a saved PDF is offered under (the export's, ending .pdf). */
  fileName: z.string(),
  targets: z.number().int(),
  /** One block, or two side by side (the left one taking half of the lines, a target never split). */
  blocks: z.array(z.array(printTargetSchema)),
});

/** BULLETIN (issue 19): every template of shared/bulletin/wording.ts, each a text with placeholders. */
export const bulletinWordingSchema = z.object(
  Object.fromEntries(BULLETIN_WORDING_KEYS.map((k) => [k, z.string().max(4000, '模板不能超过4000个字')])) as Record<keyof BulletinWording, z.ZodString>,
);

export const settingsSchema = z.object({
  userName: z.string().max(50),
  city: z.string().max(50),
  /** Wording of the exported overview, with the placeholders of shared/wording.ts. */
  exportTitle: z.string().trim().min(1, '标题不能为空').max(200, '标题不能超过200个字'),
  exportParagraph: z.string().trim().max(2000, '说明段落不能超过2000个字'),
  exportHeaders: z.array(z.string().trim().min(1, '列名不能为空').max(50, '列名不能超过50个字')).length(7, '一览表应有7列'),
  paperSize: paperSizeSchema,
  exportLayout: overviewLayoutSchema,
  /** Early-warning thresholds: attainment ÷ time pace for green and yellow; days past the due date. */
  reviewThresholds: z
    .object({
      green: z.number().min(0.5, '绿灯阈值应在50%至100%之间').max(1, '绿灯阈值应在50%至100%之间'),
      yellow: z.number().min(0.3, '黄灯阈值应在30%至100%之间').max(1, '黄灯阈值应在30%至100%之间'),
      overdueYellowDays: z.number().int('逾期转黄灯天数应为整数').min(0, '逾期转黄灯天数应在0至60天之间').max(60, '逾期转黄灯天数应在0至60天之间'),
      overdueRedDays: z.number().int('逾期转红灯天数应为整数').min(0, '逾期转红灯天数应在0至90天之间').max(90, '逾期转红灯天数应在0至90天之间'),
    })
    .refine((t) => t.yellow <= t.green, '黄灯阈值不能高于绿灯阈值')
    .refine((t) => t.overdueYellowDays <= t.overdueRedDays, '逾期转黄灯的天数不能多于转红灯的天数'),
  /** Where backups go; empty: the 备份 folder beside the store. An absolute path (a USB stick, a share). */
  backupDir: z
    .string()
    .trim()
    .max(500, '备份文件夹路径过长')
    .refine((p) => p === '' || /^([A-Za-z]:[\\/]|\\\\|\/)/.test(p), '备份文件夹应为完整路径，如 D:\\督查备份 或 \\\\服务器\\共享'),
  /** Rotation: the newest N backups, plus the newest of each month for M months. */
  backupKeepLast: z.number().int('备份份数应为整数').min(1, '至少保留1份备份').max(200, '最多保留200份备份'),
  backupKeepMonthly: z.number().int('月数应为整数').min(0, '每月一份的月数应在0至120之间').max(120, '每月一份的月数应在0至120之间'),
  // BULLETIN (issue 19): the wording of the 督查通报 and 督办通知, and the days a unit has to reply.
  bulletinWording: bulletinWordingSchema,
  noticeReplyDays: z.number().int('回复天数应为整数').min(1, '回复期限应在1至60天之间').max(60, '回复期限应在1至60天之间'),
  /** The 一览表's rows: every text in full, or compact (each text cell at most three lines until it is selected). */
  overviewRows: z.enum(['full', 'compact']),
});

const backupCountsSchema = z.object({
  plans: z.number().int(),
  targets: z.number().int(),
  assignments: z.number().int(),
  progressReports: z.number().int(),
  changeLog: z.number().int(),
  importBatches: z.number().int(),
});
const backupReasonSchema = z.enum(['import', 'migration', 'restore', 'daily', 'manual']).nullable();

/** What a backup holds, shown before anything is restored. */
export const backupSummarySchema = z.object({
  file: z.string(),
  name: z.string(),
  takenAt: z.string(),
  reason: backupReasonSchema,
  sizeBytes: z.number(),
  schemaVersion: z.number().int(),
  counts: backupCountsSchema,
  lastChangeAt: z.string().nullable(),
  years: z.array(z.number().int()),
});

export const backupListingSchema = z.union([
  backupSummarySchema.extend({
    damaged: z.literal(false),
    /** The backup's row counts minus the live store's: what a restore would bring back (+) or take away (−). */
    diff: backupCountsSchema.optional(),
  }),
  z.object({ damaged: z.literal(true), file: z.string(), name: z.string(), takenAt: z.string(), reason: backupReasonSchema, sizeBytes: z.number(), problem: z.string() }),
]);

/** Set when the store was found damaged at start: it was set aside, and the app waits for a restore. */
export const recoverySchema = z.object({ reason: z.string(), keptAs: z.string(), backupDir: z.string(), newest: backupSummarySchema.nullable() });

/** How this start went, for the welcome and the banners. */
export const startStateSchema = z.object({
  /** The data folder or the store cannot be written: the data is shown read-only, every change is refused. */
  readOnly: z.object({ folder: z.string(), reason: z.string() }).nullable(),
  /** What the start worked around (a backup folder out of reach…). */
  warnings: z.array(z.string()),
  /** The welcome is due: a first run on this store, not yet seen (never in a read-only start). */
  welcome: z.boolean(),
});

/** A workbook as the renderer hands it over: its name and bytes (base64). Paths never cross the boundary. */
export const importFileSchema = z.object({
  name: z.string().trim().min(1, '文件名不能为空').max(255),
  /**
   * Where the file sits under what was dropped or named (`财政局/附件1.xlsx`): the name it is shown under
   * when another file has the same name. A label: never opened.
   */
  place: z.string().trim().min(1).max(1000).optional(),
  data: z.string().max(90_000_000, '文件过大（超过 64 MB）'),
});

export const noteSchema = z.object({
  severity: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
  where: z.object({ file: z.string().optional(), sheet: z.string().optional(), row: z.number().int().optional(), column: z.string().optional() }),
});

export const importChangeSchema = z.object({
  field: z.string(),
  /** 0-based line (分工) index when the change is about a line. */
  line: z.number().int().nullable(),
  before: z.string(),
  after: z.string(),
  /** Returns from units: for a conflict, the value the file started from (its template, or the last import). */
  base: z.string().optional(),
});

export const importItemSchema = z.object({
  key: z.string(),
  serial: z.number().int(),
  content: z.string(),
  status: z.enum(['new', 'updated', 'unchanged', 'conflict', 'error']),
  targetId: idSchema.nullable(),
  changes: z.array(importChangeSchema),
  notes: z.array(noteSchema),
  file: z.string(),
  row: z.number().int(),
});

export const importSummarySchema = z.object({
  targetsNew: z.number().int(),
  targetsUpdated: z.number().int(),
  targetsUnchanged: z.number().int(),
  conflicts: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  linesNew: z.number().int(),
  linesUpdated: z.number().int(),
  skipped: z.number().int(),
});

export const columnRoleSchema = z.enum([
  'serial',
  'leaders',
  'content',
  'deadline',
  'progress',
  'onSchedule',
  'units',
  'leadUnits',
  'cooperatingUnits',
  'previousProgress',
  'targetId',
  'assignmentId',
]);

/** The wording of each column role: how the importer names it and how the preview shows it. */
export const COLUMN_ROLE_NAMES: Record<ColumnRole, string> = {
  serial: '序号',
  leaders: '市政府领导',
  content: '责任目标内容',
  deadline: '完成时限',
  progress: '完成情况',
  onSchedule: '是否按计划完成进度',
  units: '责任单位',
  leadUnits: '牵头单位',
  cooperatingUnits: '配合单位',
  previousProgress: '上季度完成情况',
  // The template's hidden matching columns, named as a clerk knows them (not 目标ID／分工ID).
  targetId: '目标编号（报送模板隐藏列）',
  assignmentId: '分工编号（报送模板隐藏列）',
};

/** Why a column was read as its role: its header, its values, a correction remembered for its header's shape, or the user now. */
export const columnSourceSchema = z.enum(['header', 'content', 'remembered', 'user']);

/** Per file name: column letter → the role the user says it has, or 'ignore'. */
export const fileColumnMappingSchema = z.record(z.string().regex(/^[A-Z]{1,3}$/, '列号无效'), z.union([columnRoleSchema, z.literal('ignore')]));
export const columnMappingSchema = z.record(z.string().max(255), fileColumnMappingSchema);

export const importPreviewSchema = z.object({
  year: yearSchema,
  quarter: quarterSchema,
  files: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      /** The unit (or leader) a returned template is from; applying registers its return (季度调度). */
      returnedBy: z.string().nullable(),
      /** 一览表, 报送模板 (a unit's return in a sheet) or Word 报送: how the file list names it once read. */
      kind: z.enum(['overview', 'template', 'word']),
      targets: z.number().int(),
      lines: z.number().int(),
      sheets: z.array(
        z.object({
          sheet: z.string(),
          headerRow: z.number().int(),
          columns: z.array(
            z.object({
              column: z.string(),
              header: z.string(),
              role: columnRoleSchema.nullable(),
              /** Why the column was read as its role: its header, its values, or the user (issue 13). */
              source: columnSourceSchema.nullable(),
            }),
          ),
          /** The header's shape: a mapping remembered with import.rememberMapping applies to files of this shape. */
          signature: z.string(),
        }),
      ),
    }),
  ),
  summary: importSummarySchema,
  items: z.array(importItemSchema),
  /** Notes about files and sheets as a whole (hidden rows, ignored columns, headings skipped). */
  notes: z.array(noteSchema),
  newNames: z.object({ leaders: z.array(z.string()), units: z.array(z.string()) }),
});

/** A cooperating unit's return of one line and quarter (配合单位报送): kept beside the lead unit's, never over it. */
export const cooperatingReturnSchema = z.object({
  assignmentId: idSchema,
  quarter: quarterSchema,
  unit: z.string(),
  text: z.string(),
  onScheduleText: z.string(),
  file: z.string(),
  returnedAt: z.string(),
});

export const importBatchSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  year: yearSchema,
  quarter: quarterSchema,
  files: z.array(z.string()),
  summary: importSummarySchema,
  notes: z.array(noteSchema),
  undoneAt: z.string().nullable(),
});

/** One owner (a unit, or a leader for templates by leader) of a collection round and what it returned. */
export const roundOwnerSchema = z.object({
  owner: z.string(),
  lines: z.number().int(),
  returned: z.boolean(),
  returnedAt: z.string().nullable(),
  files: z.array(z.string()),
  /** Warnings the importer gave on this owner's files. */
  warnings: z.number().int(),
  /** Marked by hand (a file that came on paper), not by an import. */
  manual: z.boolean(),
});

export const roundStatusSchema = z.object({
  year: yearSchema,
  quarter: quarterSchema,
  by: z.enum(['unit', 'leader']),
  /** When templates were first generated; null before. */
  openedAt: z.string().nullable(),
  /** 报送截止日期, YYYY-MM-DD. */
  dueDate: z.string().nullable(),
  expected: z.number().int(),
  returned: z.number().int(),
  withWarnings: z.number().int(),
  owners: z.array(roundOwnerSchema),
  /** Returned files whose owner has no line this year (a renamed unit, a wrong year). */
  unmatched: z.array(z.object({ owner: z.string(), file: z.string(), returnedAt: z.string() })),
});

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const quarterLockSchema = z.object({
  quarter: quarterSchema,
  /** The publication date, YYYY-MM-DD. */
  publishedOn: z.string(),
  lockedAt: z.string(),
  actor: z.string(),
});

export const reviewStatusSchema = z.enum(['done', 'ahead', 'on-pace', 'behind', 'not-reported', 'ongoing']);
export const lightSchema = z.enum(['green', 'yellow', 'red']);
export const reviewFlagSchema = z.enum(['contradiction', 'unchanged', 'not-reported', 'too-short']);
const spanSchema = z.object({ start: z.number().int(), end: z.number().int() });

/** One line's review: status, light, the rule that gave them, flags, and the numbers read in its report. */
export const reviewLineSchema = z.object({
  assignmentId: idSchema,
  leaders: z.array(z.string()),
  leadUnits: z.array(z.string()),
  cooperatingUnits: z.array(z.string()),
  text: z.string(),
  previousText: z.string(),
  onSchedule: onScheduleSchema.nullable(),
  status: reviewStatusSchema,
  light: lightSchema,
  rule: z.string(),
  flags: z.array(reviewFlagSchema),
  /** Where the numbers are in `text`, for highlighting. */
  actualSpans: z.array(spanSchema),
  /** Each numeric goal of the target with the actual it was held against, for a person to confirm or correct. */
  checks: z.array(
    z.object({
      goalIndex: z.number().int(),
      goal: z.string(),
      /** The actual as read (or as confirmed); null when the report has none for this goal. */
      actual: z.string().nullable(),
      confirmed: z.boolean(),
    }),
  ),
});

export const reviewItemSchema = z.object({
  targetId: idSchema,
  serial: z.number().int(),
  content: z.string(),
  deadline: z.string(),
  sectionId: idSchema.nullable(),
  status: reviewStatusSchema,
  light: lightSchema,
  rule: z.string(),
  flags: z.array(reviewFlagSchema),
  /** 序时进度 at the quarter's end, 0–1; null for 长期坚持 and unreadable deadlines. */
  pace: z.number().nullable(),
  paceNote: z.string(),
  goalSpans: z.array(spanSchema),
  previous: z.object({ status: reviewStatusSchema, light: lightSchema }).nullable(),
  /** The light of every quarter up to this one in which the plan has reports (一季度 绿 → 二季度 黄 → 三季度 红). */
  history: z.array(z.object({ quarter: quarterSchema, status: reviewStatusSchema, light: lightSchema })),
  /** The meeting's decision (督办意见). */
  note: z.string(),
  lines: z.array(reviewLineSchema),
});

const countsSchema = z.object({ statuses: z.record(reviewStatusSchema, z.number().int()), lights: z.record(lightSchema, z.number().int()), total: z.number().int() });
export const reviewGroupSchema = countsSchema.extend({ name: z.string() });

/**
 * What a review meeting goes through (会议议程), chosen by the clerk and kept per year and quarter: the items
 * behind or flagged (the default), one leader's targets, one section's (篇章; null: 未归入篇章), or items
 * picked one by one. Picked items are kept by target id, so a renumbered target stays on the agenda.
 */
export const meetingAgendaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lagging') }).strict(),
  z.object({ kind: z.literal('leader'), leader: z.string().trim().min(1, '请选择市政府领导').max(50, '领导姓名不能超过50个字') }).strict(),
  z.object({ kind: z.literal('section'), sectionId: idSchema.nullable() }).strict(),
  z
    .object({
      kind: z.literal('picked'),
      targetIds: z
        .array(idSchema)
        .min(1, '请至少选择一项责任目标')
        .max(5000, '议程不能超过5000项')
        .refine((ids) => new Set(ids).size === ids.length, '同一项责任目标不能重复列入议程'),
    })
    .strict(),
]);

export const reviewSchema = z.object({
  year: yearSchema,
  quarter: quarterSchema,
  /** The meeting's agenda as saved for this quarter ({ kind: 'lagging' } when none was chosen). */
  agenda: meetingAgendaSchema,
  items: z.array(reviewItemSchema),
  counts: countsSchema,
  /** The previous quarter's counts, for the change; null in Q1. */
  previousCounts: countsSchema.nullable(),
  byLeader: z.array(reviewGroupSchema),
  byUnit: z.array(reviewGroupSchema),
  bySection: z.array(reviewGroupSchema),
});

// BULLETIN (issue 19)
const bulletinRequest = z.object({ year: yearSchema, quarter: quarterSchema, date: dateSchema.optional() }).strict();
const draftBlockSchema = z.object({ kind: z.enum(['title', 'recipients', 'heading1', 'heading2', 'paragraph', 'signature', 'date']), text: z.string(), lead: z.string().optional() });
const laggingEntrySchema = z.object({
  targetId: idSchema,
  serial: z.number().int(),
  content: z.string(),
  status: reviewStatusSchema,
  contradiction: z.boolean(),
  units: z.array(z.string()),
  figures: z.string(),
  reason: z.string(),
  note: z.string(),
});
export const bulletinDraftSchema = z.object({
  fileName: z.string(),
  blocks: z.array(draftBlockSchema),
  year: yearSchema,
  quarter: quarterSchema,
  counts: countsSchema,
  lagging: z.array(laggingEntrySchema),
  discipline: z.object({
    late: z.array(z.object({ owner: z.string(), days: z.number().int() })),
    missing: z.array(z.string()),
    notReported: z.array(z.object({ serial: z.number().int(), units: z.array(z.string()) })),
    copied: z.array(z.object({ unit: z.string(), serials: z.array(z.number().int()) })),
  }),
});
export const noticeSchema = z.object({
  id: idSchema,
  quarter: quarterSchema,
  unit: z.string(),
  targetIds: z.array(idSchema),
  serials: z.array(z.number().int()),
  issuedAt: z.string(),
  /** YYYY-MM-DD. */
  replyDue: z.string(),
  repliedAt: z.string().nullable(),
  /** Replied after the due date, or not replied and the date passed. */
  late: z.boolean(),
});

// work report
const reportSectionRefSchema = z.object({ code: z.string(), name: z.string() });
const reportQuantitySchema = z.object({
  value: z.number(),
  unit: z.string(),
  comparator: z.enum(['about', 'at-least', 'at-most', 'exceed', 'reach', 'range', 'exact']),
});
const reportSuggestionSchema = z.object({ unit: z.string(), leader: z.string(), reason: z.string() });
export const reportCandidateSchema = z.object({
  text: z.string(),
  section: reportSectionRefSchema,
  span: spanSchema,
  quantity: reportQuantitySchema.nullable(),
  suggestedUnits: z.array(reportSuggestionSchema),
});
export const reportWorkItemSchema = reportCandidateSchema.extend({
  id: idSchema,
  status: z.enum(['open', 'accepted', 'rejected', 'merged']),
  targetId: idSchema.nullable(),
  targetSerial: z.number().int().nullable(),
  /** A carried-over target of the year repeating this clause: accepting links it instead of adding one. */
  carriedOver: z.object({ targetId: idSchema, serial: z.number().int(), fromYear: yearSchema, fromSerial: z.number().int() }).nullable(),
  /** Targets of the year already linked to this clause (not the one made of it): adopting it again would duplicate them. */
  coveredBy: z.array(z.object({ targetId: idSchema, serial: z.number().int() })),
});
export const reportSummarySchema = z.object({
  year: yearSchema,
  fileName: z.string(),
  importedAt: z.string(),
  parts: z.number().int(),
  sections: z.number().int(),
  items: z.number().int(),
  sentences: z.number().int(),
  indicators: z.number().int(),
  projects: z.number().int(),
  commitments: z.number().int(),
  candidates: z.number().int(),
});
const reportBatchSchema = z.object({ batchId: z.string() });
export const reportLinkSuggestionSchema = z.object({
  targetId: idSchema,
  serial: z.number().int(),
  content: z.string(),
  current: spanSchema.extend({ text: z.string() }).nullable(),
  suggestion: spanSchema.extend({ text: z.string(), code: z.string(), score: z.number() }).nullable(),
});
export const reportCoverageSchema = z.object({
  targets: z.number().int(),
  linkedTargets: z.number().int(),
  sections: z.array(z.object({ code: z.string(), name: z.string(), commitments: z.number().int(), covered: z.number().int() })),
});
export const reportViewSchema = z.object({
  year: yearSchema,
  fileName: z.string(),
  importedAt: z.string(),
  text: z.string(),
  coverage: reportCoverageSchema,
  headings: z.array(spanSchema),
  commitments: z.array(
    spanSchema.extend({
      key: z.string(),
      kind: z.enum(['indicator', 'project', 'sentence']),
      text: z.string(),
      code: z.string(),
      targets: z.array(z.object({ id: idSchema, serial: z.number().int() })),
    }),
  ),
});
export const reportTargetSourceSchema = z.object({
  /** The target's clause inside its paragraph (offsets into `paragraph`); null when not linked. */
  span: z.object({ paragraph: z.string(), start: z.number().int(), end: z.number().int(), section: reportSectionRefSchema }).nullable(),
  carriedFrom: z.object({ targetId: idSchema, year: yearSchema, serial: z.number().int() }).nullable(),
});
export const unitKeywordSchema = z.object({ keyword: nameSchema, unit: nameSchema, leader: z.string() });

/** An id the caller picks for long work, to follow its progress (jobs.progress) and cancel it (jobs.cancel). */
export const jobIdSchema = z.string().regex(/^[\w-]{8,64}$/, '任务编号无效');

// Year-end assessment (考核, issue 19): the rule table per year, the events it scores, the scores.
export const ASSESSMENT_KINDS = ['year-end-done', 'year-end-not-done', 'behind', 'return-missing', 'return-late', 'copied', 'contradiction', 'notice-late'] as const;
export const assessmentKindSchema = z.enum(ASSESSMENT_KINDS);
const pointsSchema = z.number({ error: '分值应为数字' }).min(-100, '分值应在-100至100之间').max(100, '分值应在-100至100之间');
export const assessmentRuleSchema = z.object({
  /** Points per event: negative for a deduction (扣分), positive for a bonus. */
  points: pointsSchema,
  /** The most a unit can lose (or gain) by this kind in the year; null: no cap. */
  cap: z.number().min(0, '上限不能为负').max(100, '上限不能超过100').nullable(),
});
/** A hand-entered item (市政府领导评价): each unit's value on a 0–100 scale weighs `share` in the score. */
export const assessmentItemSchema = z.object({
  id: z.string().regex(/^[a-z][\w-]{0,31}$/, '项目编号无效'),
  name: z.string().trim().min(1, '项目名称不能为空').max(30, '项目名称不能超过30个字'),
  share: z.number().min(0, '占比应在0%至100%之间').max(1, '占比应在0%至100%之间'),
});
export const assessmentRulesSchema = z
  .object({
    base: z.number().min(0, '基础分应在0至1000之间').max(1000, '基础分应在0至1000之间'),
    /** What share of a line's outcome points (滞后, 年底未完成) a cooperating unit (配合单位) bears. */
    cooperatingShare: z.number().min(0, '配合单位比例应在0%至100%之间').max(1, '配合单位比例应在0%至100%之间'),
    kinds: z.object(Object.fromEntries(ASSESSMENT_KINDS.map((k) => [k, assessmentRuleSchema])) as Record<(typeof ASSESSMENT_KINDS)[number], typeof assessmentRuleSchema>).strict(),
    items: z.array(assessmentItemSchema).max(10),
  })
  .strict()
  .refine((r) => r.items.reduce((n, i) => n + i.share, 0) <= 1, '手工录入项目的占比合计不能超过100%')
  .refine((r) => new Set(r.items.map((i) => i.id)).size === r.items.length, '手工录入项目的编号不能重复');
export const assessmentEventSchema = z.object({
  /** An event's kind, or 'item' for a hand-entered item's weight in the score. */
  kind: z.union([assessmentKindSchema, z.literal('item')]),
  points: z.number(),
  /** Chinese: what happened and the rule applied (第12项三季度进度滞后，扣2分). */
  reason: z.string(),
  rule: z.string(),
  serial: z.number().int().nullable(),
  quarter: quarterSchema.nullable(),
  date: z.string().nullable(),
  role: z.enum(['lead', 'cooperating', 'unit']),
  /** Points this event would have given, had the kind's cap not been reached. */
  uncapped: z.number(),
});
export const assessmentUnitSchema = z.object({
  unit: z.string(),
  score: z.number(),
  rank: z.number().int(),
  byKind: z.record(z.string(), z.number()),
  items: z.record(z.string(), z.number().nullable()),
  events: z.array(assessmentEventSchema),
});
export const assessmentSchema = z.object({
  year: yearSchema,
  city: z.string(),
  asOf: dateSchema,
  base: z.number(),
  rules: assessmentRulesSchema,
  /** Quarters whose reports were assessed (a quarter nobody reported in gives no events), and what was left out. */
  quarters: z.array(quarterSchema),
  notes: z.array(z.string()),
  units: z.array(assessmentUnitSchema),
});

const importRequest = z
  .object({
    files: z.array(importFileSchema).min(1, '请至少选择一个文件').max(300, '一次最多导入300个文件'),
    year: yearSchema.optional(),
    quarter: quarterSchema.optional(),
    /** Taken only when no file names its year or quarter: the period on the user's screen. */
    defaultYear: yearSchema.optional(),
    defaultQuarter: quarterSchema.optional(),
    jobId: jobIdSchema.optional(),
    mapping: columnMappingSchema.optional(),
  })
  .strict();

const empty = z.object({}).strict();

export const methods = {
  'app.info': {
    input: empty,
    output: z.object({ version: z.string(), storePath: z.string(), years: z.array(yearSchema), recovery: recoverySchema.nullable() }),
  },
  'backups.list': {
    input: empty,
    /** `warning`: the chosen backup folder is unavailable (a USB stick not plugged in); the local 备份 folder is listed. */
    output: z.object({ dir: z.string(), backups: z.array(backupListingSchema), warning: z.string().optional() }),
  },
  'backups.create': { input: empty, output: backupSummarySchema.extend({ warning: z.string().optional() }) },
  /** Restores a backup of the backup folder (by name: no path crosses the API); the current store is backed up first. */
  'backups.restore': {
    input: z.object({ name: z.string().regex(/^store-[\w-]+\.sqlite$/, '备份文件名无效') }).strict(),
    output: z.object({ restored: backupSummarySchema, safety: backupSummarySchema.nullable() }),
  },
  'settings.get': { input: empty, output: settingsSchema },
  'settings.update': { input: settingsSchema.partial().strict(), output: settingsSchema },
  'plans.list': { input: empty, output: z.array(planSummarySchema) },
  'plans.create': { input: z.object({ year: yearSchema, city: z.string().max(50).optional() }).strict(), output: planSummarySchema },
  'overview.get': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, filter: overviewFilterSchema.strict().default({}) }).strict(),
    output: z.object({ rows: z.array(overviewRowSchema), totalTargets: z.number().int(), totalLines: z.number().int() }),
  },
  'directory.get': {
    input: z.object({ year: yearSchema.optional() }).strict(),
    output: z.object({
      leaders: z.array(z.string()),
      units: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
    }),
  },
  'units.addAlias': {
    input: z.object({ unit: nameSchema, alias: nameSchema }).strict(),
    output: z.object({ name: z.string(), aliases: z.array(z.string()) }),
  },
  'targets.get': { input: z.object({ id: idSchema }).strict(), output: targetSchema },
  'targets.create': {
    input: z
      .object({
        year: yearSchema,
        serial: serialSchema,
        content: textSchema.default(''),
        deadline: z.string().max(100).default('年底'),
        sectionId: idSchema.nullable().default(null),
        assignments: z.array(assignmentInputSchema.strict()).max(50).default([]),
      })
      .strict(),
    output: targetSchema,
  },
  'targets.update': { input: z.object({ id: idSchema, patch: targetPatchSchema, baseVersion: baseVersionSchema }).strict(), output: targetSchema },
  'targets.delete': { input: z.object({ id: idSchema }).strict(), output: z.object({ id: idSchema, changeId: idSchema }) },
  'targets.saveAssignments': {
    input: z.object({ targetId: idSchema, assignments: z.array(assignmentInputSchema.strict()).min(1, '至少保留一条分工').max(50), baseVersion: baseVersionSchema }).strict(),
    output: targetSchema,
  },
  'progress.save': {
    input: z
      .object({
        assignmentId: idSchema,
        quarter: quarterSchema,
        text: textSchema.optional(),
        onSchedule: onScheduleSchema.nullable().optional(),
        baseVersion: baseVersionSchema,
      })
      .strict()
      .refine((p) => p.text !== undefined || p.onSchedule !== undefined, '没有要保存的内容'),
    output: targetSchema,
  },
  'history.forTarget': { input: z.object({ targetId: idSchema }).strict(), output: z.array(changeEntrySchema) },
  /** Puts a target back as it was before (undo, revert) or after (redo) one logged change. */
  'history.revert': {
    input: z
      .object({
        changeId: idSchema,
        to: z.enum(['before', 'after']),
        /** Refuse unless the target is still as the change (or the run of changes up to `through`) left it. */
        strict: z.boolean().default(false),
        through: idSchema.optional(),
      })
      .strict(),
    output: z.object({ target: targetSchema.nullable() }),
  },
  'import.preview': { input: importRequest, output: importPreviewSchema },
  'import.apply': {
    input: importRequest
      .extend({
        skip: z.array(z.string().max(400)).max(100_000).default([]),
        /** Returns from units: the conflicting rows (冲突) the user chose to take; the others are left out. */
        take: z.array(z.string().max(400)).max(100_000).default([]),
      })
      .strict(),
    /** `backupWarning`: the backup before the import went to the local 备份 folder (the chosen one is unavailable). */
    output: z.object({ batch: importBatchSchema, backupWarning: z.string().optional() }),
  },
  'import.batches': { input: empty, output: z.array(importBatchSchema) },
  'export.overview': {
    input: z
      .object({
        year: yearSchema,
        quarter: quarterSchema,
        leader: z.string().trim().min(1).max(100).optional(),
        unit: z.string().trim().min(1).max(100).optional(),
        behindOnly: z.boolean().optional(),
        layout: overviewLayoutSchema.optional(),
        paperSize: paperSizeSchema.optional(),
        summary: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      fileName: z.string(),
      data: z.string(),
      targets: z.number().int(),
      /** Set when the quarter was published and its table changed since (the export then has no date stamp). */
      notice: z.string().optional(),
    }),
  },
  /** The 一览表 for the print view (read only): the same targets, wording, layout and paper as export.overview. */
  'export.overviewPrint': {
    input: z
      .object({
        year: yearSchema,
        quarter: quarterSchema,
        leader: z.string().trim().min(1).max(100).optional(),
        unit: z.string().trim().min(1).max(100).optional(),
        behindOnly: z.boolean().optional(),
        layout: overviewLayoutSchema.optional(),
        paperSize: paperSizeSchema.optional(),
      })
      .strict(),
    output: overviewPrintSchema,
  },
  'export.templates': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, by: z.enum(['unit', 'leader']).default('unit') }).strict(),
    output: z.object({ fileName: z.string(), data: z.string(), count: z.number().int() }),
  },
  'round.status': { input: z.object({ year: yearSchema, quarter: quarterSchema }).strict(), output: roundStatusSchema },
  'round.update': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, dueDate: dateSchema.nullable() }).strict(),
    output: roundStatusSchema,
  },
  'round.mark': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, owner: nameSchema, returned: z.boolean() }).strict(),
    output: roundStatusSchema,
  },
  'round.exportMissing': {
    input: z.object({ year: yearSchema, quarter: quarterSchema }).strict(),
    output: z.object({ fileName: z.string(), data: z.string(), count: z.number().int() }),
  },
  'quarters.locks': { input: z.object({ year: yearSchema }).strict(), output: z.array(quarterLockSchema) },
  'quarters.publish': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, publishedOn: dateSchema }).strict(),
    output: z.array(quarterLockSchema),
  },
  'quarters.unlock': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, reason: z.string().trim().min(2, '请说明解除锁定的理由').max(500, '理由不能超过500个字') }).strict(),
    output: z.array(quarterLockSchema),
  },
  'review.get': { input: z.object({ year: yearSchema, quarter: quarterSchema }).strict(), output: reviewSchema },
  'review.saveNote': {
    input: z.object({ targetId: idSchema, quarter: quarterSchema, note: z.string().max(2000, '督办意见不能超过2000个字') }).strict(),
    output: z.object({ targetId: idSchema, quarter: quarterSchema, note: z.string() }),
  },
  /** Saves the meeting's agenda of a quarter (meeting data, not the published table: allowed under the lock). */
  'review.saveAgenda': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, agenda: meetingAgendaSchema }).strict(),
    output: z.object({ year: yearSchema, quarter: quarterSchema, agenda: meetingAgendaSchema }),
  },
  /** Confirms or corrects the actual of one goal ('' = the report has no number for it; null = back to automatic). */
  'review.confirmActual': {
    input: z
      .object({ assignmentId: idSchema, quarter: quarterSchema, goalIndex: z.number().int().min(0).max(50), actual: z.string().trim().max(50, '数量不能超过50个字').nullable() })
      .strict(),
    output: targetSchema,
  },
  'review.export': {
    input: z.object({ year: yearSchema, quarter: quarterSchema }).strict(),
    output: z.object({ fileName: z.string(), data: z.string(), count: z.number().int() }),
  },
  'jobs.progress': {
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: z.object({ done: z.number(), total: z.number(), label: z.string(), finished: z.boolean() }).nullable(),
  },
  'jobs.cancel': { input: z.object({ jobId: jobIdSchema }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'import.undo': { input: z.object({ batchId: z.string().min(1).max(64) }).strict(), output: z.object({ batch: importBatchSchema, restored: z.number().int() }) },
  // CLI: every target of a year (or of every year, oldest first) with all quarters, for `list`.
  'targets.list': { input: z.object({ year: yearSchema.optional() }).strict(), output: z.array(targetSchema) },
  // work report
  /** Imports the year's work report (.docx or .txt as base64, or pasted text) and proposes its candidates. */
  'report.import': {
    input: z
      .object({
        year: yearSchema,
        /** The file's name (its bytes in data), shown in messages; no path crosses the API. */
        name: z.string().trim().min(1).max(255).optional(),
        data: z.string().max(90_000_000, '文件过大（超过 64 MB）').optional(),
        text: z.string().max(2_000_000, '报告文字过长').optional(),
      })
      .strict()
      .refine((p) => (p.data === undefined) !== (p.text === undefined), '请选择报告文件或粘贴报告文字（二者选一）'),
    output: reportSummarySchema,
  },
  /** The stable JSON of `report candidates`: open and accepted candidates in report order. */
  'report.candidates': { input: z.object({ year: yearSchema }).strict(), output: z.array(reportCandidateSchema) },
  'report.worklist': {
    input: z.object({ year: yearSchema }).strict(),
    output: z.object({ year: yearSchema, codes: z.array(reportSectionRefSchema), candidates: z.array(reportWorkItemSchema) }),
  },
  'report.editCandidate': {
    input: z.object({ year: yearSchema, id: idSchema, text: z.string().trim().min(1, '候选目标内容不能为空').max(MAX_TEXT) }).strict(),
    output: reportBatchSchema,
  },
  'report.rejectCandidates': { input: z.object({ year: yearSchema, ids: z.array(idSchema).min(1).max(5000) }).strict(), output: reportBatchSchema },
  'report.mergeCandidates': {
    input: z.object({ year: yearSchema, ids: z.array(idSchema).min(2, '请至少选择两条候选目标合并').max(50) }).strict(),
    output: reportBatchSchema.extend({ id: idSchema }),
  },
  'report.splitCandidate': {
    input: z.object({ year: yearSchema, id: idSchema, at: z.number().int().min(1) }).strict(),
    output: reportBatchSchema.extend({ ids: z.tuple([idSchema, idSchema]) }),
  },
  'report.acceptCandidates': {
    /** evenIfLinked: the user confirmed adopting clauses already linked to a target (otherwise refused). */
    input: z.object({ year: yearSchema, ids: z.array(idSchema).min(1).max(5000), evenIfLinked: z.boolean().optional() }).strict(),
    output: reportBatchSchema.extend({ targets: z.array(targetSchema) }),
  },
  /** Takes back one action of the report screen (import of candidates aside) as a unit. */
  'report.undo': { input: z.object({ batchId: z.string().regex(/^report-[\w-]+$/, '操作编号无效').max(80) }).strict(), output: z.object({ undone: z.number().int() }) },
  'report.linkSuggestions': { input: z.object({ year: yearSchema }).strict(), output: z.array(reportLinkSuggestionSchema) },
  /** Links targets to report spans: those given, and/or every suggestion scoring at least minScore. */
  'report.confirmLinks': {
    input: z
      .object({
        year: yearSchema,
        links: z.array(z.object({ targetId: idSchema, start: z.number().int().min(0), end: z.number().int().min(1) }).strict()).max(5000).optional(),
        minScore: z.number().min(0.3, '阈值应在0.3至1之间').max(1, '阈值应在0.3至1之间').optional(),
      })
      .strict()
      .refine((p) => p.links !== undefined || p.minScore !== undefined, '没有要关联的目标'),
    output: reportBatchSchema.extend({ linked: z.number().int() }),
  },
  'report.renumber': { input: z.object({ year: yearSchema }).strict(), output: reportBatchSchema.extend({ changed: z.number().int() }) },
  /** The stable JSON of `report coverage`. */
  'report.coverage': { input: z.object({ year: yearSchema }).strict(), output: reportCoverageSchema },
  'report.view': { input: z.object({ year: yearSchema }).strict(), output: reportViewSchema },
  'report.exportUncovered': {
    input: z.object({ year: yearSchema }).strict(),
    output: z.object({ fileName: z.string(), data: z.string(), count: z.number().int() }),
  },
  'report.targetSource': { input: z.object({ id: idSchema }).strict(), output: reportTargetSourceSchema },
  'report.keywords': { input: empty, output: z.array(unitKeywordSchema) },
  'report.saveKeywords': { input: z.object({ keywords: z.array(unitKeywordSchema.extend({ leader: z.string().trim().max(100).optional() }).strict()).max(2000) }).strict(), output: z.array(unitKeywordSchema) },
  /** Year end: next year's plan starts with this year's unfinished and 长期坚持 targets, each linked to its origin. */
  'plans.carryOver': {
    input: z.object({ from: yearSchema, to: yearSchema }).strict(),
    output: z.object({ year: yearSchema, batchId: z.string(), carried: z.number().int(), finished: z.number().int() }),
  },
  // DESKTOP (issue 11): the status bar.
  'app.status': {
    input: empty,
    output: z.object({
      storePath: z.string(),
      storeBytes: z.number().int(),
      backupDir: z.string(),
      lastBackupAt: z.string().nullable(),
      /** The copy a move of the data folder kept, until store.removeOld. */
      oldStore: z.string().nullable(),
    }),
  },
  // First start (issue 11): the welcome, and removing the sample data in one step (backed up first, logged).
  'app.startState': { input: empty, output: startStateSchema },
  'app.welcomeSeen': { input: empty, output: startStateSchema },
  'sample.remove': {
    input: z.object({ year: yearSchema }).strict(),
    output: z.object({ year: yearSchema, targets: z.number().int(), backup: backupSummarySchema, changeId: idSchema }),
  },
  // Returns from units: the cooperating units' returns (配合单位报送) kept beside a target's official progress.
  'returns.forTarget': { input: z.object({ targetId: idSchema }).strict(), output: z.array(cooperatingReturnSchema) },
  /** Moves the store into another folder (copied, verified, switched); the old file stays until store.removeOld. */
  'store.move': {
    input: z.object({ targetDir: z.string().trim().min(1, '请选择目标文件夹').max(1000) }).strict(),
    output: z.object({ from: z.string(), to: z.string(), oldKept: z.string(), backupsCopied: z.number().int(), backupsWarning: z.string().optional() }),
  },
  /** The old copy, and the old 备份 folder's backups that the move copied (never one it did not). */
  'store.removeOld': { input: empty, output: z.object({ removed: z.string().nullable(), backupsRemoved: z.number().int() }) },
  // Importer (issue 13): a column mapping kept for every file whose header has this shape; {} forgets it.
  'import.rememberMapping': {
    input: z.object({ signature: z.string().regex(/^[0-9a-f]{16}$/, '表头特征无效'), mapping: fileColumnMappingSchema }).strict(),
    output: z.object({ signature: z.string(), mapping: fileColumnMappingSchema }),
  },
  // BULLETIN (issue 19): the quarter's 督查通报 (draft for the preview, .docx) and the 督办通知 to lagging units.
  'bulletin.draft': { input: bulletinRequest, output: bulletinDraftSchema },
  'bulletin.export': {
    input: bulletinRequest,
    output: z.object({ fileName: z.string(), data: z.string(), targets: z.number().int(), lagging: z.array(z.number().int()) }),
  },
  /** One unit's notice (.docx), or every lagging unit's (a zip); each recorded and logged. */
  'notices.issue': {
    input: z.object({ year: yearSchema, quarter: quarterSchema, unit: nameSchema.optional(), date: dateSchema.optional(), replyDue: dateSchema.optional() }).strict(),
    output: z.object({ fileName: z.string(), data: z.string(), notices: z.array(noticeSchema) }),
  },
  'notices.list': { input: z.object({ year: yearSchema, quarter: quarterSchema }).strict(), output: z.array(noticeSchema) },
  /** The day the unit replied (null: not yet). */
  'notices.reply': { input: z.object({ id: idSchema, repliedAt: dateSchema.nullable() }).strict(), output: noticeSchema },
  // Year-end assessment (考核, issue 19): scores recomputed from events on every read; rules and hand-entered values logged.
  'assessment.get': { input: z.object({ year: yearSchema, asOf: dateSchema.optional() }).strict(), output: assessmentSchema },
  'assessment.saveRules': { input: z.object({ year: yearSchema, rules: assessmentRulesSchema }).strict(), output: assessmentRulesSchema },
  'assessment.saveEntry': {
    input: z.object({ year: yearSchema, item: z.string().min(1).max(32), unit: nameSchema, value: z.number().min(0, '分数应在0至100之间').max(100, '分数应在0至100之间').nullable() }).strict(),
    output: z.object({ item: z.string(), unit: z.string(), value: z.number().nullable() }),
  },
  'assessment.export': { input: z.object({ year: yearSchema, asOf: dateSchema.optional() }).strict(), output: z.object({ fileName: z.string(), data: z.string(), units: z.number().int() }) },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;

/** What the renderer sees as `api`: one async function per method. */
export type Api = { [M in MethodName]: (input: Input<M>) => Promise<Output<M>> };

export type ProgressReport = z.infer<typeof progressReportSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type PlanSummary = z.infer<typeof planSummarySchema>;
export type OverviewRow = z.infer<typeof overviewRowSchema>;
export type OverviewLine = z.infer<typeof overviewLineSchema>;
export type OverviewFilter = z.infer<typeof overviewFilterSchema>;
export type AssignmentInput = z.infer<typeof assignmentInputSchema>;
export type TargetPatch = z.infer<typeof targetPatchSchema>;
export type ChangeEntry = z.infer<typeof changeEntrySchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type ImportFile = z.infer<typeof importFileSchema>;
export type Note = z.infer<typeof noteSchema>;
export type ImportItem = z.infer<typeof importItemSchema>;
export type ImportChange = z.infer<typeof importChangeSchema>;
export type ImportSummary = z.infer<typeof importSummarySchema>;
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportBatch = z.infer<typeof importBatchSchema>;
export type CooperatingReturn = z.infer<typeof cooperatingReturnSchema>;
export type ColumnRole = z.infer<typeof columnRoleSchema>;
export type RoundStatus = z.infer<typeof roundStatusSchema>;
export type BackupSummaryInfo = z.infer<typeof backupSummarySchema>;
export type BackupListingInfo = z.infer<typeof backupListingSchema>;
export type RecoveryInfo = z.infer<typeof recoverySchema>;
export type StartState = z.infer<typeof startStateSchema>;
export type Review = z.infer<typeof reviewSchema>;
export type ReviewItem = z.infer<typeof reviewItemSchema>;
export type ReviewGroup = z.infer<typeof reviewGroupSchema>;
export type MeetingAgenda = z.infer<typeof meetingAgendaSchema>;
export type QuarterLockInfo = z.infer<typeof quarterLockSchema>;
export type RoundOwner = z.infer<typeof roundOwnerSchema>;
export type ColumnMappings = z.infer<typeof columnMappingSchema>;
export type BulletinDraftInfo = z.infer<typeof bulletinDraftSchema>;
export type NoticeInfo = z.infer<typeof noticeSchema>;
export type AssessmentKind = z.infer<typeof assessmentKindSchema>;
export type AssessmentRules = z.infer<typeof assessmentRulesSchema>;
export type AssessmentEvent = z.infer<typeof assessmentEventSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type AssessmentUnit = z.infer<typeof assessmentUnitSchema>;
export type OverviewPrint = z.infer<typeof overviewPrintSchema>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

// Change log completeness (WRITES): every method not listed here writes to the store and must log each
// write, old and new value, in the same transaction. A new method is a write until it is listed here, so
// the change-log test (tests/service/changelog-coverage.test.ts) catches one that writes without logging.
/** Methods that change nothing in the store: reads, file exports, job control, a backup copy of the file. */
export const NON_WRITING_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'app.info',
  'backups.list',
  'backups.create',
  'settings.get',
  'plans.list',
  'overview.get',
  'directory.get',
  'targets.get',
  'history.forTarget',
  'import.preview',
  'import.batches',
  'export.overview',
  // PRINT (issue 19): the print view's table.
  'export.overviewPrint',
  'round.status',
  'round.exportMissing',
  'quarters.locks',
  'review.get',
  'review.export',
  'jobs.progress',
  'jobs.cancel',
  'targets.list',
  // work report: the screen's reads (the report's segmentation is stored when its text arrives, not when read)
  'report.candidates',
  'report.worklist',
  'report.linkSuggestions',
  'report.coverage',
  'report.view',
  'report.exportUncovered',
  'report.targetSource',
  'report.keywords',
  'app.status',
  'app.startState',
  'returns.forTarget',
  // BULLETIN (issue 19): drafts and the bulletin's file; issuing notices and replies write.
  'bulletin.draft',
  'bulletin.export',
  'notices.list',
  'assessment.get',
  'assessment.export',
]);

export const WRITING_METHODS: readonly MethodName[] = METHOD_NAMES.filter((m) => !NON_WRITING_METHODS.has(m));
