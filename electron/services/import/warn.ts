/**
 * The plan's last step, warn: what can only be said once every row is planned. Two returns disagreeing
 * about one line (neither is taken unless the user chooses), progress unchanged from last quarter, the same
 * progress on two targets, and the notes about a file as a whole shown at the top of the preview.
 */
import type { ImportItem, Note } from '../../../shared/contract';
import type { ParsedOverview } from '../../excel/overviewReader';
import { comparable } from '../text';
import type { Compared, TargetAction } from './compare';
import { emptyFieldWarnings, quarterMismatchNote } from './fileWarnings';
import { note } from './notes';
import type { PlanContext } from './planContext';
import type { RowTally } from './rows';

/**
 * Two returns making the same claim on a line (two files of its lead unit, an overview and a template, one
 * cooperating unit twice) that disagree: both rows become conflicts, so what lands does not depend on the
 * order the files came in.
 */
export function returnConflicts(compared: Compared[]): void {
  const claims = new Map<string, { item: ImportItem; action: TargetAction | null; value: string; file: string; where: Note['where'] }[]>();
  for (const c of compared) {
    for (const claim of c.claims) {
      const list = claims.get(claim.key) ?? [];
      list.push({ item: c.matched.row.item, action: c.action, value: claim.value, file: c.matched.row.fileName, where: claim.where });
      claims.set(claim.key, list);
    }
  }
  for (const [key, list] of claims) {
    if (list.length < 2) continue;
    const [, role, unit] = key.split('|');
    const who = role === '配合' ? `配合单位“${unit}”` : '牵头单位';
    for (const c of list) {
      const others = list.filter((o) => o.value !== c.value);
      if (others.length === 0) continue;
      c.item.status = 'conflict';
      if (c.action) c.action.conflict = true;
      const elsewhere = others.map((o) => `${o.file} 第${o.where.row}行`).join('、');
      c.item.notes.push(note('warning', 'return-conflict', `冲突：第${c.item.serial}项同一分工的${who}报送另见 ${elsewhere}，内容不同，均未采用；请在预览中选定采用哪一份`, c.where));
    }
  }
}

/**
 * Progress unchanged from last quarter, at each line's own progress cell. A file of another quarter than
 * the import's is compared with its own quarter instead, and only counted (per file): the count goes into
 * the one note at the top that names the file's quarter.
 */
export function unchangedProgress(compared: Compared[], parsed: ParsedOverview[], ctx: PlanContext): number[] {
  const sameAsOwnQuarter = parsed.map(() => 0);
  for (const { matched, action } of compared) {
    if (!action) continue;
    const { t, item, fileIndex } = matched.row;
    const target = action.targetId === null ? undefined : ctx.byId.get(action.targetId);
    const own = parsed[fileIndex]!.quarter;
    action.lines.forEach((l, i) => {
      const line = target?.assignments.find((x) => x.id === l.assignmentId);
      if (own !== null && own !== ctx.quarter) {
        const ownText = line?.progress.find((p) => p.quarter === own)?.text ?? '';
        if (l.progress && comparable(ownText) !== '' && comparable(ownText) === comparable(l.progress.text)) sameAsOwnQuarter[fileIndex]! += 1;
        return;
      }
      const previous = line?.progress.find((p) => p.quarter === ctx.quarter - 1);
      if (previous && l.progress && comparable(previous.text) !== '' && comparable(previous.text) === comparable(l.progress.text)) {
        // The line's own progress cell: the second line of a target is on a row of its own.
        const row = t.lines[i]?.ref.row ?? t.ref.row;
        item.notes.push(note('warning', 'unchanged-progress', `第${action.serial}项：完成情况与上季度完全相同`, { file: t.ref.file, sheet: t.ref.sheet, row, ...(t.columns.progress ? { column: t.columns.progress } : {}) }));
      }
    });
  }
  return sameAsOwnQuarter;
}

/** The same progress text on two different targets (in the files or the store): a copy error. */
export function duplicateProgress(tally: RowTally): void {
  for (const d of tally.pendingDuplicates) {
    const owners = tally.progressOwners.get(d.text)!;
    if (owners.size > 1) {
      const others = [...owners].filter((s) => s !== d.item.serial);
      d.item.notes.push(note('warning', 'duplicate-progress', `第${d.item.serial}项的完成情况与第${others.join('、')}项完全相同，可能是复制错误`, d.where));
    }
  }
}

/** What the preview shows above its rows (and the CLI on stderr): a file of another quarter, a field left empty. */
export function fileNotes(parsed: ParsedOverview[], ctx: PlanContext, sameAsOwnQuarter: number[]): Note[] {
  return parsed.flatMap((file, i) => [quarterMismatchNote(file, ctx.quarter, sameAsOwnQuarter[i]!), ...emptyFieldWarnings(file)].filter((n): n is Note => n !== null));
}
