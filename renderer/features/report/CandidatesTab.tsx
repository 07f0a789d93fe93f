/**
 * 候选目标: the clauses the report proposes as targets, with the number read in each and the suggested
 * lead unit (and why). Accept (in report order), edit, split at the cursor, merge, reject; each action can
 * be taken back with 撤销.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { COMPARATOR_LABELS } from '../../../shared/review/quantity';
import { api } from '../../api';
import { useRun } from '../../app/useRun';
import { ConfirmDialog } from '../../components/Dialog';

type Worklist = Output<'report.worklist'>;
type Item = Worklist['candidates'][number];
/** 待处理 leaves out clauses an existing target already covers; 已关联 shows just those. */
type Show = 'open' | 'linked' | 'all';

/** Open, and an existing target of the year is already linked to its clause. */
const isLinked = (c: Item) => c.status === 'open' && c.coveredBy.length > 0;
const linkedText = (c: Item) => `已关联：${c.coveredBy.map((t) => `第${t.serial}项`).join('、')}`;

const STATUS_LABELS: Record<Item['status'], string> = { open: '待处理', accepted: '已采纳', rejected: '已舍弃', merged: '已合并' };

function quantityText(q: Item['quantity']): string {
  if (!q) return '';
  const word = COMPARATOR_LABELS[q.comparator];
  return q.comparator === 'exceed' || q.comparator === 'reach' ? `${word}${q.value}${q.unit}` : `${q.value}${q.unit}${word}`;
}

export function CandidatesTab({ year, stamp, onChanged }: { year: number; stamp: number; onChanged: () => void }) {
  const [list, setList] = useState<Worklist | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [section, setSection] = useState('');
  const [show, setShow] = useState<Show>('open');
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [undoStack, setUndoStack] = useState<{ batchId: string; label: string }[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  // Selected clauses already linked to a target: adopting them waits for this confirmation.
  const [confirmLinked, setConfirmLinked] = useState<Item[] | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const { busy, error, run } = useRun();

  const reload = useCallback(() => run(api['report.worklist']({ year }), setList), [run, year]);
  useEffect(reload, [reload, stamp]);

  const act = (work: Promise<{ batchId: string }>, label: string) =>
    run(work, (r) => {
      setUndoStack((s) => [...s, { batchId: r.batchId, label }]);
      setSelected(new Set());
      setEditing(null);
      setMessage(`已${label}`);
      reload();
      onChanged();
    });

  /** Leaves the edit unsaved and puts the focus back on the candidate's 编辑/拆分, where the user was. */
  const cancelEdit = (id: number) => {
    setEditing(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="report-candidates"] [data-edit="${id}"]`)?.focus());
  };

  const inView = (c: Item) => (show === 'all' ? true : show === 'linked' ? isLinked(c) : c.status === 'open' && !isLinked(c));
  const shown = (list?.candidates ?? []).filter((c) => (section === '' || c.section.code === section) && inView(c));
  const ids = [...selected];
  const counts = (list?.candidates ?? []).reduce((m, c) => {
    const k = isLinked(c) ? 'linked' : c.status;
    return { ...m, [k]: (m[k] ?? 0) + 1 };
  }, {} as Partial<Record<Item['status'] | 'linked', number>>);
  const accept = (evenIfLinked: boolean) => act(api['report.acceptCandidates']({ year, ids, ...(evenIfLinked ? { evenIfLinked } : {}) }), `采纳${ids.length}条为责任目标`);
  const startAccept = () => {
    const linked = (list?.candidates ?? []).filter((c) => selected.has(c.id) && isLinked(c));
    if (linked.length > 0) setConfirmLinked(linked);
    else accept(false);
  };

  return (
    <div className="report-body" data-testid="report-candidates">
      <div className="report-toolbar">
        <select aria-label="所属部分" value={section} onChange={(e) => setSection(e.target.value)}>
          <option value="">全部部分</option>
          {(list?.codes ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <select aria-label="显示" data-testid="candidate-show" value={show} onChange={(e) => setShow(e.target.value as Show)}>
          <option value="open">待处理</option>
          <option value="linked">已关联已有目标</option>
          <option value="all">全部（含已处理的）</option>
        </select>
        <span className="muted" data-testid="candidate-counts">
          待处理 {counts.open ?? 0} · 已关联已有目标 {counts.linked ?? 0} · 已采纳 {counts.accepted ?? 0} · 已舍弃 {counts.rejected ?? 0}
        </span>
        <span className="spacer" />
        <button type="button" data-testid="accept-selected" disabled={busy || ids.length === 0} onClick={startAccept}>
          采纳为责任目标
        </button>
        <button type="button" className="secondary" disabled={busy || ids.length < 2} onClick={() => act(api['report.mergeCandidates']({ year, ids }), `合并${ids.length}条`)}>
          合并
        </button>
        <button type="button" className="secondary" disabled={busy || ids.length === 0} onClick={() => act(api['report.rejectCandidates']({ year, ids }), `舍弃${ids.length}条`)}>
          舍弃
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="report-undo"
          disabled={busy || undoStack.length === 0}
          title={undoStack.length > 0 ? `撤销：${undoStack[undoStack.length - 1]!.label}` : '没有可撤销的操作'}
          onClick={() => {
            const last = undoStack[undoStack.length - 1]!;
            run(api['report.undo']({ batchId: last.batchId }), () => {
              setUndoStack((s) => s.slice(0, -1));
              setMessage(`已撤销：${last.label}`);
              reload();
              onChanged();
            });
          }}
        >
          撤销
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {message && (
        <p className="muted" role="status" data-testid="report-message">
          {message}
        </p>
      )}
      <table className="report-table">
        <thead>
          <tr>
            <th aria-label="选择" />
            <th className="part">所属部分</th>
            <th>报告原文（候选目标）</th>
            <th className="num">数量</th>
            <th className="units">建议牵头单位</th>
            <th className="state">状态</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id} className={`${c.status}${isLinked(c) ? ' linked' : ''}`} data-testid="candidate" data-status={isLinked(c) ? 'linked' : c.status}>
              <td className="num">
                <input
                  type="checkbox"
                  aria-label="选择"
                  disabled={c.status !== 'open'}
                  checked={selected.has(c.id)}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      return next;
                    })
                  }
                />
              </td>
              <td>{c.section.name}</td>
              <td>
                {editing?.id === c.id ? (
                  <div>
                    <textarea
                      ref={editor}
                      rows={3}
                      style={{ width: '100%' }}
                      aria-label="候选目标文字"
                      autoFocus
                      value={editing.text}
                      onChange={(e) => setEditing({ id: c.id, text: e.target.value })}
                      onKeyDown={(e) => {
                        // Esc cancels this edit only, as in a cell; without this the whole screen closes and the typing is lost.
                        if (e.key !== 'Escape') return;
                        e.preventDefault();
                        cancelEdit(c.id);
                      }}
                    />
                    <button type="button" disabled={busy} onClick={() => act(api['report.editCandidate']({ year, id: c.id, text: editing.text }), '修改候选目标')}>
                      保存
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      title="在文字中点击要拆开的位置，再按此按钮"
                      onClick={() => act(api['report.splitCandidate']({ year, id: c.id, at: Math.max(1, editor.current?.selectionStart ?? 1) }), '拆分候选目标')}
                    >
                      在光标处拆分
                    </button>{' '}
                    <button type="button" className="secondary" onClick={() => cancelEdit(c.id)}>
                      取消
                    </button>
                  </div>
                ) : (
                  <>
                    <span data-testid="candidate-text">{c.text}</span>
                    {c.status === 'open' && (
                      <>
                        {' '}
                        <button type="button" className="link" data-edit={c.id} onClick={() => setEditing({ id: c.id, text: c.text })}>
                          编辑/拆分
                        </button>
                      </>
                    )}
                    {c.carriedOver && (
                      <div className="report-reason" data-testid="carried-over">
                        与结转目标第{c.carriedOver.serial}项（{c.carriedOver.fromYear}年第{c.carriedOver.fromSerial}项）相同，采纳时关联该目标而不新增
                      </div>
                    )}
                  </>
                )}
              </td>
              <td className="num" data-testid="candidate-quantity">
                {quantityText(c.quantity)}
              </td>
              <td data-testid="candidate-units">
                {c.status === 'open' && c.suggestedUnits.length === 0 && (
                  <span className="report-reason" title="建议来自本年和上年相似目标的牵头单位、单位名称，以及“关键词与单位”中的关键词">
                    无建议：可在“关键词与单位”中添加关键词
                  </span>
                )}
                {c.suggestedUnits.map((s) => (
                  <div key={s.unit}>
                    {s.unit}
                    {s.leader ? `（${s.leader}）` : ''} <span className="report-reason">{s.reason}</span>
                  </div>
                ))}
              </td>
              <td className="num" data-testid="candidate-status">
                {c.status === 'accepted' && c.targetSerial !== null ? `第${c.targetSerial}项` : isLinked(c) ? linkedText(c) : STATUS_LABELS[c.status]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list && shown.length === 0 && <p className="muted">{show === 'open' && (counts.linked ?? 0) > 0 ? `没有待处理的候选目标；${counts.linked}条已关联已有目标，可在“显示”中查看。` : '没有候选目标。'}</p>}
      {confirmLinked && (
        <ConfirmDialog
          title="采纳已关联的候选目标"
          message={`所选的${confirmLinked.length}条候选目标已有责任目标关联，再采纳会新增重复的责任目标。确定仍要采纳吗？`}
          details={
            <ul className="confirm-details" data-testid="linked-details">
              {confirmLinked.map((c) => (
                <li key={c.id}>
                  {c.text.length > 30 ? `${c.text.slice(0, 30)}…` : c.text}（{linkedText(c)}）
                </li>
              ))}
            </ul>
          }
          confirmLabel="仍然采纳"
          onCancel={() => setConfirmLinked(null)}
          onConfirm={() => {
            setConfirmLinked(null);
            accept(true);
          }}
        />
      )}
    </div>
  );
}
