/** The rows of a preview: per target what will happen (before → after), its notes with their cells, and its choice. */
import type { ImportItem, ImportPreview } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { formatWhere } from '../../../shared/errors';

const STATUS_LABELS: Record<ImportItem['status'], string> = { new: '新增', updated: '更新', unchanged: '无变化', conflict: '冲突', error: '错误' };
const FIELD_LABELS: Record<string, string> = {
  content: '责任目标内容',
  deadline: '完成时限',
  leaders: '市政府领导',
  units: '责任单位',
  progress: '完成情况',
  onSchedule: '是否按计划',
  line: '新增分工',
  cooperatingProgress: '配合单位报送',
};
/** Fields kept per quarter: an empty before is that quarter's, which a file of another quarter makes worth saying. */
const QUARTERLY = new Set(['progress', 'onSchedule', 'cooperatingProgress']);

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

interface Props {
  items: ImportPreview['items'];
  quarter: Quarter;
  skip: Set<string>;
  setSkip: (s: Set<string>) => void;
  take: Set<string>;
  setTake: (s: Set<string>) => void;
}

export function PreviewRows({ items, quarter, skip, setSkip, take, setTake }: Props) {
  return (
    <div className="preview-table" role="table" aria-label="导入预览">
      {items.length === 0 && <p className="muted empty">没有需要关注的行：全部无变化。</p>}
      {items.map((i) => (
        <PreviewRow key={i.key} item={i} quarter={quarter} skip={skip} setSkip={setSkip} take={take} setTake={setTake} />
      ))}
    </div>
  );
}

const toggled = (set: Set<string>, key: string, on: boolean) => {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
};

function PreviewRow({ item: i, quarter, skip, setSkip, take, setTake }: Omit<Props, 'items'> & { item: ImportItem }) {
  const applicableItem = i.status === 'new' || i.status === 'updated';
  // A conflict with something to write: left out unless the user takes this file's version.
  const takable = i.status === 'conflict' && i.changes.length > 0;
  return (
    <div className={`preview-row status-${i.status}`} role="row" data-testid="import-item" data-serial={i.serial} data-status={i.status}>
      <div role="cell" className="preview-check">
        {applicableItem && <input type="checkbox" aria-label={`导入第${i.serial}项`} checked={!skip.has(i.key)} onChange={(e) => setSkip(toggled(skip, i.key, !e.target.checked))} />}
        {takable && (
          <input
            type="checkbox"
            aria-label={`采用第${i.serial}项这份报送（${i.file}）`}
            title="冲突：默认不导入；勾选表示采用这份文件中的内容"
            checked={take.has(i.key)}
            onChange={(e) => setTake(toggled(take, i.key, e.target.checked))}
          />
        )}
      </div>
      <div role="cell" className="preview-status">
        <span className={`badge ${i.status}`}>{STATUS_LABELS[i.status]}</span>
      </div>
      <div role="cell" className="preview-serial">{i.serial}</div>
      <div role="cell" className="preview-body">
        <div className="preview-content">{i.content || <span className="muted">（内容为空）</span>}</div>
        {i.changes
          .filter((c) => i.status !== 'new' || c.field !== 'content')
          .map((c, k) => (
            <div key={k} className="change">
              <span className="muted">
                {FIELD_LABELS[c.field] ?? c.field}
                {c.line !== null && c.line > 0 ? `（分工${c.line + 1}）` : ''}：
              </span>
              {c.before && <del>{cut(c.before, 80)}</del>}
              {/* An update into an empty value says so: a before left out reads as if nothing were there to replace. */}
              {!c.before && i.status !== 'new' && c.field !== 'line' && (
                <span className="muted before-empty" data-testid="change-before-empty">
                  {QUARTERLY.has(c.field) ? `${quarterLabel(quarter)}原为空` : '原为空'}
                </span>
              )}
              {(c.before || (i.status !== 'new' && c.field !== 'line')) && ' → '}
              <ins>{cut(c.after, 120)}</ins>
              {c.base !== undefined && (
                <span className="muted base" data-testid="change-base">
                  （文件所据原值：{c.base === '' ? '空' : cut(c.base, 80)}）
                </span>
              )}
            </div>
          ))}
        {i.notes.map((n, k) => (
          <div key={k} className={`note ${n.severity}`}>
            {n.severity === 'error' ? '错误' : n.severity === 'warning' ? '警告' : '说明'}：{n.message} <span className="where">{formatWhere(n.where)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
