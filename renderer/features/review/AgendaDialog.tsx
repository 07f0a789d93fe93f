/**
 * Choosing what the review meeting goes through (会议议程): the items behind or flagged (as before), one
 * leader's targets, one section's, or targets picked one by one. Saved with the quarter's meeting, so
 * meeting mode opens on the same agenda after a reload. From the keyboard: ↑ ↓ choose the kind, Tab to its
 * list, Enter saves; when picking, a serial typed in the search box then Enter ticks that target, and
 * Ctrl+Enter saves.
 */
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MeetingAgenda, Review, ReviewItem } from '../../../shared/contract';
import { quarterLabel } from '../../../shared/domain';
import { agendaEntries, agendaLabel, NO_SECTION } from '../../../shared/review/meeting';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { STATUS_LABELS } from './labels';
import './agenda.css';

type Kind = MeetingAgenda['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'lagging', label: '滞后及需关注的事项' },
  { kind: 'leader', label: '一位市政府领导分管的目标' },
  { kind: 'section', label: '一个篇章的目标' },
  { kind: 'picked', label: '逐项选定' },
];

/** The <select> value of 未归入篇章 (a section id is a positive number). */
const NONE = 'none';

interface Props {
  review: Review;
  sections: { id: number; name: string }[];
  onSaved: (agenda: MeetingAgenda) => void;
  onClose: () => void;
}

function matchesQuery(i: ReviewItem, query: string): boolean {
  const q = query.trim();
  if (q === '') return true;
  return /^\d+$/.test(q) ? String(i.serial).startsWith(q) : i.content.includes(q);
}

export function AgendaDialog({ review, sections, onSaved, onClose }: Props) {
  const saved = review.agenda;
  const sectionName = useMemo(() => new Map(sections.map((s) => [s.id, s.name])), [sections]);
  const nameOf = (id: number) => sectionName.get(id);
  const leaders = review.byLeader;
  // Sections in the plan's order that hold targets, and 未归入篇章 when some target has none.
  const sectionOptions = useMemo(() => {
    const count = (id: number | null) => review.items.filter((i) => i.sectionId === id).length;
    const named = sections.map((s) => ({ id: s.id as number | null, name: s.name, count: count(s.id) })).filter((s) => s.count > 0);
    const none = count(null);
    return none > 0 ? [...named, { id: null, name: NO_SECTION, count: none }] : named;
  }, [review, sections]);

  const [kind, setKind] = useState<Kind>(saved.kind);
  // A saved leader or section that no longer has targets is not offered: the list starts on its first entry.
  const [leader, setLeader] = useState(saved.kind === 'leader' && leaders.some((l) => l.name === saved.leader) ? saved.leader : (leaders[0]?.name ?? ''));
  const [sectionId, setSectionId] = useState<number | null>(
    saved.kind === 'section' && sectionOptions.some((o) => o.id === saved.sectionId) ? saved.sectionId : (sectionOptions[0]?.id ?? null),
  );
  // Picking starts from the agenda as it is: the clerk adds to it or takes from it.
  const [picked, setPicked] = useState<Set<number>>(() => new Set(agendaEntries(review, saved).map((e) => e.item.targetId)));
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLDivElement>(null);

  const draft: MeetingAgenda | null =
    kind === 'lagging'
      ? { kind }
      : kind === 'leader'
        ? leader
          ? { kind, leader }
          : null
        : kind === 'section'
          ? { kind, sectionId }
          : picked.size > 0
            ? { kind, targetIds: review.items.filter((i) => picked.has(i.targetId)).map((i) => i.targetId) }
            : null;
  const count = draft ? agendaEntries(review, draft).length : 0;
  const shown = useMemo(() => [...review.items].sort((a, b) => a.serial - b.serial).filter((i) => matchesQuery(i, query)), [review, query]);

  const toggle = (id: number) =>
    setPicked((p) => {
      const next = new Set(p);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft || busy) return;
    setBusy(true);
    setError(null);
    api['review.saveAgenda']({ year: review.year, quarter: review.quarter, agenda: draft }).then(
      (r) => onSaved(r.agenda),
      (err: unknown) => {
        setBusy(false);
        setError(errorMessage(err));
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey) return;
    const el = e.target as HTMLElement;
    if (el.tagName === 'BUTTON') return;
    if (el.dataset.search !== undefined && !e.ctrlKey) {
      // A serial then Enter ticks (or unticks) that target; the text stays selected for the next one.
      e.preventDefault();
      const q = query.trim();
      const hit = /^\d+$/.test(q) ? review.items.find((i) => i.serial === Number(q)) : shown.length === 1 ? shown[0] : undefined;
      if (hit) toggle(hit.targetId);
      (el as HTMLInputElement).select();
      return;
    }
    e.preventDefault();
    save();
  };

  // ↑ ↓ move between the ticks of the list, as in a list box.
  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const boxes = [...(list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    const at = boxes.indexOf(document.activeElement as HTMLInputElement);
    const next = boxes[Math.max(0, Math.min(boxes.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  return (
    <Dialog title={`${review.year}年${quarterLabel(review.quarter)}会议议程`} onClose={onClose} wide initialFocus='input[name="agenda-kind"]:checked'>
      <form className="agenda-form" data-testid="agenda-dialog" onSubmit={save} onKeyDown={onKeyDown}>
        <fieldset className="agenda-kinds">
          <legend>会议逐项讨论</legend>
          {KINDS.map((k) => (
            <div key={k.kind} className="agenda-kind">
              <label>
                <input type="radio" name="agenda-kind" value={k.kind} data-testid={`agenda-kind-${k.kind}`} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
                {k.label}
              </label>
              {kind === 'leader' && k.kind === 'leader' && (
                <select aria-label="市政府领导" data-testid="agenda-leader" value={leader} onChange={(e) => setLeader(e.target.value)}>
                  {leaders.map((l) => (
                    <option key={l.name} value={l.name}>
                      {l.name}（{l.total}项）
                    </option>
                  ))}
                </select>
              )}
              {kind === 'section' && k.kind === 'section' && (
                <select
                  aria-label="篇章"
                  data-testid="agenda-section"
                  value={sectionId === null ? NONE : String(sectionId)}
                  onChange={(e) => setSectionId(e.target.value === NONE ? null : Number(e.target.value))}
                >
                  {sectionOptions.map((s) => (
                    <option key={s.id ?? NONE} value={s.id === null ? NONE : String(s.id)}>
                      {s.name}（{s.count}项）
                    </option>
                  ))}
                </select>
              )}
            </div>
          ))}
        </fieldset>
        {kind === 'picked' && (
          <div className="agenda-pick">
            <div className="agenda-pick-head">
              <input
                type="search"
                data-search
                data-testid="agenda-search"
                aria-label="按序号或内容查找，输入序号后回车勾选"
                placeholder="序号或内容；序号+回车勾选"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <span className="muted" data-testid="agenda-picked-count">
                已选 {picked.size} 项
              </span>
              <button type="button" className="link" onClick={() => setPicked(new Set([...picked, ...shown.map((i) => i.targetId)]))}>
                全选所列
              </button>
              <button type="button" className="link" onClick={() => setPicked(new Set())}>
                清空
              </button>
            </div>
            <div className="agenda-pick-list" ref={list} onKeyDown={onListKey} role="group" aria-label="选定列入议程的责任目标">
              {shown.map((i) => (
                <label key={i.targetId} className="agenda-pick-row" data-testid="agenda-pick-row" data-serial={i.serial}>
                  <input type="checkbox" data-testid="agenda-pick" checked={picked.has(i.targetId)} onChange={() => toggle(i.targetId)} />
                  <span className="num">第{i.serial}项</span>
                  <span className="agenda-pick-content">{i.content}</span>
                  <span className={`status-chip status-${i.status}`}>{STATUS_LABELS[i.status]}</span>
                </label>
              ))}
              {shown.length === 0 && <p className="muted">没有符合的责任目标。</p>}
            </div>
          </div>
        )}
        <div className="dialog-actions dialog-footer">
          <p className="agenda-preview" data-testid="agenda-preview" role="status">
            {draft ? agendaLabel(draft, count, nameOf) : '请至少选择一项责任目标'}
          </p>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <span className="muted agenda-keys">{kind === 'picked' ? 'Ctrl+回车 保存' : '回车 保存'}</span>
          <button type="button" className="secondary" onClick={onClose}>
            取消
          </button>
          <button type="submit" data-testid="agenda-save" disabled={!draft || busy}>
            保存议程
          </button>
        </div>
      </form>
    </Dialog>
  );
}
