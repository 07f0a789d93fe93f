/**
 * What a pick or a drop brought: the files that will be read, each with what it is taken for (一览表, 报送模板,
 * Word 报送), and every other file named with why it is left out. Shown from the moment of the drop, before
 * the files are read; once the preview is there, each file's kind is the one its content gave.
 */
import type { ImportPreview } from '../../../shared/contract';
import { FILE_KIND_NAMES, kindsOf, skippedSummary, type FileKind, type ListedFile, type SkippedEntry } from '../../../shared/dropped';

/** A long folder's list starts folded: its count and kinds say enough at a glance. */
const OPEN_UP_TO = 12;

export function DroppedFiles({ listed, skipped, preview }: { listed: ListedFile[]; skipped: SkippedEntry[]; preview: ImportPreview | null }) {
  // One file picked on its own needs no list: the preview names it.
  const showRead = listed.length > 1 || (listed.length > 0 && skipped.length > 0);
  if (!showRead && skipped.length === 0) return null;
  const kinds = kindsOf(listed, preview?.files);
  const counts = (Object.keys(FILE_KIND_NAMES) as FileKind[]).flatMap((k) => {
    const n = kinds.filter((x) => x === k).length;
    return n > 0 ? [`${FILE_KIND_NAMES[k]} ${n} 个`] : [];
  });
  return (
    <>
      {showRead && (
        <details className="banner" data-testid="import-read" open={listed.length <= OPEN_UP_TO}>
          <summary>
            {preview ? '已读取' : '将读取'} {listed.length} 个文件：{counts.join('、')}
          </summary>
          <ul>
            {listed.map((f, i) => (
              <li key={`${f.path}\u0000${i}`} data-testid="import-read-file" data-kind={kinds[i]}>
                {f.path}（{FILE_KIND_NAMES[kinds[i]!]}）
              </li>
            ))}
          </ul>
        </details>
      )}
      {skipped.length > 0 && (
        <details className="banner" data-testid="import-skipped" open={skipped.length <= OPEN_UP_TO}>
          <summary>{skippedSummary(skipped)}</summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.path} data-testid="import-skipped-file">
                {s.path}（{s.reason}）
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
