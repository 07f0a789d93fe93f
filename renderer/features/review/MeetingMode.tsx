/**
 * Meeting mode for the projector: one item per screen in the meeting's order (by leader), large type, the
 * content, units, this and last quarter's progress with the numbers marked, the rule and the light, a timer
 * per item and the decision (督办意见), saved when it is left. Keys: → ← (or PageDown/PageUp, space), Home,
 * End, a number then Enter to jump, Esc to leave. Printing prints every item, one per page. The items are the
 * quarter's saved agenda (会议议程: the lagging items by default), named at the top of every page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Review } from '../../../shared/contract';
import { quarterLabel } from '../../../shared/domain';
import { agendaEntries, agendaLabel, agendaName, type MeetingEntry } from '../../../shared/review/meeting';
import { api, errorMessage } from '../../api';
import { printPage, REVIEW_PAPER, usePrintable } from '../../app/print';
import { FocusLock } from '../../components/FocusLock';
import { ActualChecks } from './ActualChecks';
import { issueNotices } from '../bulletin/notices';
import { Highlight } from './Highlight';
import { LightTrail } from './LightHistory';
import { FLAG_LABELS, LIGHT_LABELS, STATUS_LABELS } from './labels';

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function Page({ entry, review, index, count, agenda, onChanged }: { entry: MeetingEntry; review: Review; index: number; count: number; agenda: string; onChanged?: () => void }) {
  const { item, leader } = entry;
  return (
    <>
      <div className="meeting-top">
        <span className="meeting-leader">{leader}</span>
        <span className="meeting-agenda" data-testid="meeting-agenda">
          {agenda}
        </span>
        <span className="meeting-pos">
          {index + 1} / {count}
        </span>
      </div>
      <h2 className="meeting-title">
        <span className="meeting-serial">第{item.serial}项</span>
        <Highlight text={item.content || '（内容为空）'} spans={item.goalSpans} />
      </h2>
      <div className="meeting-verdict">
        <span className={`light-dot big ${item.light}`} aria-hidden="true" />
        <span className={`status-chip status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
        <span>{LIGHT_LABELS[item.light]}</span>
        {item.flags.map((f) => (
          <span key={f} className={`flag-chip flag-${f}`}>
            {FLAG_LABELS[f]}
          </span>
        ))}
        {item.history.length > 1 && <LightTrail history={item.history} />}
        <span className="muted">
          完成时限：{item.deadline || '—'}
          {item.pace !== null ? `；${item.paceNote}` : ''}
        </span>
      </div>
      <p className="meeting-rule" data-testid="meeting-rule">
        {item.rule}
      </p>
      {item.lines.map((l) => (
        <section key={l.assignmentId} className="meeting-line">
          <div className="meeting-units">
            {l.leaders.join('、')}
            {l.leadUnits.length > 0 && `　牵头：${l.leadUnits.join('、')}`}
            {l.cooperatingUnits.length > 0 && `　配合：${l.cooperatingUnits.join('、')}`}
          </div>
          <div className="meeting-progress">
            <div>
              <h4>{quarterLabel(review.quarter)}完成情况</h4>
              <p>{l.text ? <Highlight text={l.text} spans={l.actualSpans} /> : <span className="muted">（未报送）</span>}</p>
              {onChanged && <ActualChecks assignmentId={l.assignmentId} quarter={review.quarter} checks={l.checks} onChanged={onChanged} />}
            </div>
            {review.quarter > 1 && (
              <div className="previous">
                <h4>上季度</h4>
                <p>{l.previousText || <span className="muted">（无）</span>}</p>
              </div>
            )}
          </div>
        </section>
      ))}
    </>
  );
}

export function MeetingMode({
  review,
  sections,
  start,
  onClose,
  onNoteSaved,
}: {
  review: Review;
  sections: { id: number; name: string }[];
  start: number;
  onClose: () => void;
  onNoteSaved: () => void;
}) {
  // The agenda is fixed when the meeting starts: an item corrected during the meeting stays on screen
  // (with its new status) instead of dropping out from under the room.
  const [agenda] = useState(() => agendaEntries(review, review.agenda).map((e) => ({ leader: e.leader, targetId: e.item.targetId })));
  const entries = useMemo<MeetingEntry[]>(
    () => agenda.flatMap(({ leader, targetId }) => {
      const item = review.items.find((i) => i.targetId === targetId);
      return item ? [{ leader, item }] : [];
    }),
    [agenda, review],
  );
  const nameOfSection = (id: number) => sections.find((s) => s.id === id)?.name;
  const [title] = useState(() => agendaLabel(review.agenda, agenda.length, nameOfSection));
  const [index, setIndex] = useState(Math.min(start, Math.max(0, entries.length - 1)));
  const [seconds, setSeconds] = useState(0);
  const [typed, setTyped] = useState('');
  const [jumpMessage, setJumpMessage] = useState<string | null>(null);
  const [notes, setNotes] = useState<Map<number, string>>(() => new Map(entries.map((e) => [e.item.targetId, e.item.note])));
  const [error, setError] = useState<string | null>(null);
  usePrintable(REVIEW_PAPER);
  const saved = useRef(new Map(entries.map((e) => [e.item.targetId, e.item.note])));
  const box = useRef<HTMLDivElement>(null);
  const entry = entries[index];

  useEffect(() => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  // The timer starts again on every item: how long the meeting spends on it.
  useEffect(() => {
    setSeconds(0);
    const t = window.setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => window.clearInterval(t);
  }, [index]);

  const saveNote = (targetId: number): Promise<void> => {
    const note = notes.get(targetId) ?? '';
    if (note === saved.current.get(targetId)) return Promise.resolve();
    saved.current.set(targetId, note);
    return api['review.saveNote']({ targetId, quarter: review.quarter, note }).then(onNoteSaved, (err: unknown) => setError(errorMessage(err)));
  };
  // The units a 督办通知 for this item goes to: the lead units of its lagging lines.
  const noticeUnits = entry
    ? [...new Set(entry.item.lines.filter((l) => l.status === 'behind' || l.flags.includes('contradiction')).flatMap((l) => l.leadUnits))]
    : [];
  const [noticeMessage, setNoticeMessage] = useState<string | null>(null);
  const notice = (unit: string) => {
    setNoticeMessage(null);
    // The decision just typed goes into the notice: saved first.
    void saveNote(entry!.item.targetId)
      .then(() => issueNotices(review.year, review.quarter, unit))
      .then((r) => setNoticeMessage(`已生成${unit}的督办通知（第${r.notices[0]!.serials.join('、')}项）`), (err: unknown) => setError(errorMessage(err)));
  };

  const go = (next: number) => {
    if (entries.length === 0) return;
    if (entry) saveNote(entry.item.targetId);
    setIndex(Math.max(0, Math.min(entries.length - 1, next)));
    setTyped('');
    setJumpMessage(null);
  };

  // A serial is the only number said in a meeting ("第16项"): jump to that target, not to a position.
  const jumpToSerial = (serial: number) => {
    const at = entries.findIndex((e) => e.item.serial === serial);
    if (at >= 0) return go(at);
    setTyped('');
    setJumpMessage(`第${serial}项不在本次会议议程中`);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (['TEXTAREA', 'INPUT'].includes((e.target as HTMLElement).tagName)) {
      // Esc in the note or a correction leaves the field first; a second Esc leaves the meeting.
      if (e.key === 'Escape') {
        e.preventDefault();
        box.current?.focus();
      }
      return;
    }
    if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') go(index + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(index - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(entries.length - 1);
    else if (/^\d$/.test(e.key)) setTyped((t) => (t + e.key).slice(-4));
    else if (e.key === 'Enter' && typed !== '') jumpToSerial(Number(typed));
    else if (e.key === 'Escape') {
      if (entry) saveNote(entry.item.targetId);
      onClose();
    } else return;
    e.preventDefault();
  };

  const leave = () => {
    if (entry) saveNote(entry.item.targetId);
    onClose();
  };

  return (
    <FocusLock onEscape={leave} initialFocus='[data-testid="meeting"]'>
    <div className="meeting" ref={box} tabIndex={-1} role="dialog" aria-modal="true" aria-label="会议模式" data-testid="meeting" onKeyDown={onKeyDown}>
      {entry ? (
        <div className="meeting-page" data-testid="meeting-page" data-serial={entry.item.serial}>
          <Page entry={entry} review={review} index={index} count={entries.length} agenda={title} onChanged={onNoteSaved} />
          <label className="meeting-note">
            督办意见
            <textarea
              data-testid="meeting-note"
              rows={2}
              value={notes.get(entry.item.targetId) ?? ''}
              onChange={(e) => setNotes(new Map(notes).set(entry.item.targetId, e.target.value))}
              onBlur={() => saveNote(entry.item.targetId)}
            />
          </label>
        </div>
      ) : (
        <p className="meeting-empty" data-testid="meeting-empty">
          {review.agenda.kind === 'lagging' ? '本季度没有滞后或需关注的事项。' : `本次议程（${agendaName(review.agenda, nameOfSection)}）没有事项。`}
        </p>
      )}
      <footer className="meeting-bar">
        <span className="meeting-timer" data-testid="meeting-timer" title="本项已用时">
          本项用时 {clock(seconds)}
        </span>
        {typed && <span className="meeting-typed">跳转到第 {typed} 项（回车）</span>}
        {jumpMessage && (
          <span className="meeting-typed" role="status" data-testid="meeting-jump-message">
            {jumpMessage}
          </span>
        )}
        {error && <span className="field-error">{error}</span>}
        <span className="spacer" />
        <span className="muted">← → 翻页　Home/End 首末　序号+回车 跳转　Esc 退出</span>
        <button type="button" className="secondary" onClick={() => go(index - 1)} disabled={index === 0}>
          上一项
        </button>
        <button type="button" className="secondary" onClick={() => go(index + 1)} disabled={index >= entries.length - 1}>
          下一项
        </button>
        {noticeMessage && (
          <span className="meeting-typed" role="status" data-testid="meeting-notice-message">
            {noticeMessage}
          </span>
        )}
        {noticeUnits.map((unit) => (
          <button key={unit} type="button" className="secondary" data-testid="meeting-notice" onClick={() => notice(unit)}>
            督办通知：{unit}
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => void printPage(REVIEW_PAPER).catch((err: unknown) => setError(errorMessage(err)))}>
          打印全部
        </button>
        <button
          type="button"
          onClick={() => {
            if (entry) saveNote(entry.item.targetId);
            onClose();
          }}
        >
          退出
        </button>
      </footer>
      <div className="meeting-print" aria-hidden="true">
        {entries.map((e, i) => (
          <div key={e.item.targetId} className="meeting-print-page">
            <Page entry={e} review={review} index={i} count={entries.length} agenda={title} />
            <p className="meeting-rule">督办意见：{notes.get(e.item.targetId) || '　'}</p>
          </div>
        ))}
      </div>
    </div>
    </FocusLock>
  );
}
