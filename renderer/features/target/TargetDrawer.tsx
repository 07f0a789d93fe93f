/**
 * One target opened, in a panel beside the overview: its fields, its lines (分工) with leaders and units,
 * every quarter's progress, and its history. Every field saves itself when left; a rule broken (a serial
 * already used) shows under the field with the service's message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AssignmentInput, ChangeEntry, Section, Target, TargetPatch } from '../../../shared/contract';
import { QUARTERS, quarterLabel, type OnSchedule, type Quarter } from '../../../shared/domain';
import { api, ApiError, errorField, errorMessage } from '../../api';
import { abandonFailedSave, enqueueSave } from '../../app/saveQueue';
import { dateTime, DEADLINE_SUGGESTIONS, ON_SCHEDULE_OPTIONS } from '../../app/format';
import { ConfirmDialog } from '../../components/Dialog';
import { NamesInput } from '../../components/NamesInput';
import { DraftInput, DraftTextarea } from '../../components/DraftField';
import { SectionSelect } from '../../components/Selects';
import { describeChange } from './history';
import { TargetLightHistory } from '../review/LightHistory';
import { ReportSource } from '../report/ReportSource';
import { CooperatingReturns } from './CooperatingReturns';

interface Props {
  targetId: number;
  sections: Section[];
  directory: { leaders: string[]; units: string[] };
  onClose: () => void;
  /** A change was saved; `structural` when leaders/units/serial changed (directory and plan counts). */
  onChanged: (t: Target, structural: boolean) => void;
  onDeleted: () => void;
  /** Goes up after each undo or redo in the window: the panel reads its target again. */
  revision?: number;
  /** The quarter the overview shows: the light history runs up to it. */
  quarter?: Quarter;
}

/** A line as edited here: `key` stays the same while the line lives, `id` arrives once the line is saved. */
type LineDraft = AssignmentInput & { key: string };

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;

function toDrafts(t: Target): LineDraft[] {
  return t.assignments.map((a) => ({ key: `id-${a.id}`, id: a.id, leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits }));
}

type Errors = Partial<Record<string, string>>;
type Confirm =
  | { kind: 'delete-target' }
  | { kind: 'remove-line'; index: number }
  | { kind: 'revert'; change: ChangeEntry }
  | { kind: 'remove-lead'; key: string; index: number; unit: string };

export function TargetDrawer({ targetId, sections, directory, onClose, onChanged, onDeleted, quarter, revision = 0 }: Props) {
  const [target, setTarget] = useState<Target | null>(null);
  const [lines, setLines] = useState<LineDraft[]>([]);
  // The lines as they are now, read when a queued save's turn comes (state in a closure would be stale).
  const linesRef = useRef<LineDraft[]>([]);
  const [history, setHistory] = useState<ChangeEntry[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The newest version of the target this panel has seen: every save says it was made on it (two windows).
  const version = useRef(0);
  const seen = (t: Target) => {
    version.current = Math.max(version.current, t.version);
    return t;
  };
  /**
   * A save refused because another window changed the same thing: the field keeps what the user typed and
   * shows the refusal (with the newer value); the panel learns the newer version, so saving again is knowing.
   */
  const learnNewer = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'stale') api['targets.get']({ id: targetId }).then(seen, () => undefined);
  };

  const setError = (key: string, message: string | undefined) => setErrors((e) => ({ ...e, [key]: message }));

  const refreshHistory = useCallback(() => {
    api['history.forTarget']({ targetId }).then(
      (entries) => setHistory([...entries].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)),
      () => undefined,
    );
  }, [targetId]);

  const applyTarget = useCallback(
    (t: Target, structural: boolean) => {
      version.current = Math.max(version.current, t.version);
      setTarget((current) => (current && current.version > t.version ? current : t));
      refreshHistory();
      onChanged(t, structural);
    },
    [onChanged, refreshHistory],
  );

  useEffect(() => {
    api['targets.get']({ id: targetId }).then(
      (t) => {
        setTarget(seen(t));
        linesRef.current = toDrafts(t);
        setLines(linesRef.current);
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
    refreshHistory();
  }, [targetId, refreshHistory, revision]);

  // The panel takes the focus when it opens (a keyboard user pressed Enter on a serial) and gives it back.
  const loaded = target !== null;
  useEffect(() => {
    if (!loaded) return;
    const previous = document.activeElement as HTMLElement | null;
    heading.current?.focus();
    return () => {
      if (previous?.isConnected && (document.activeElement === document.body || document.activeElement === null)) previous.focus();
    };
  }, [loaded]);

  // Escape closes the panel wherever the focus is, unless something inside took the key first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && confirm === null) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirm, onClose]);

  const saveField = <K extends keyof TargetPatch>(field: K, value: NonNullable<TargetPatch[K]> | null) => {
    if (target && target[field as keyof Target] === value && !errors[field]) return;
    enqueueSave(targetId, async () => seen(await api['targets.update']({ id: targetId, patch: { [field]: value }, baseVersion: version.current }))).then(
      (t) => {
        setError(field, undefined);
        applyTarget(t, field === 'serial' || field === 'sectionId');
      },
      // The service names the field it refuses (where.field); the message goes under that field.
      (err: unknown) => {
        setError(errorField(err) ?? field, errorMessage(err));
        learnNewer(err);
      },
    );
  };

  const saveLines = (next: LineDraft[]) => {
    linesRef.current = next;
    setLines(next);
    enqueueSave(targetId, async () => {
      const sent = linesRef.current;
      const t = seen(await api['targets.saveAssignments']({ targetId, assignments: sent.map(({ key: _key, ...line }) => line), baseVersion: version.current }));
      // New lines get their ids now, before the next queued save reads the lines.
      const ids = new Map(sent.map((l, i) => [l.key, t.assignments[i]?.id]));
      linesRef.current = linesRef.current.map((l) => (l.id === undefined && ids.get(l.key) !== undefined ? { ...l, id: ids.get(l.key) } : l));
      setLines(linesRef.current);
      return t;
    }).then(
      (t) => {
        setError('assignments', undefined);
        applyTarget(t, true);
      },
      (err: unknown) => {
        setError('assignments', errorMessage(err));
        learnNewer(err);
      },
    );
  };

  const updateLine = (key: string, patch: Partial<AssignmentInput>) => saveLines(linesRef.current.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const moveLine = (i: number, by: -1 | 1) => {
    const next = linesRef.current.slice();
    const [line] = next.splice(i, 1);
    next.splice(i + by, 0, line!);
    saveLines(next);
  };
  const removeLine = (i: number) => saveLines(linesRef.current.filter((_, j) => j !== i));

  const saveProgress = (assignmentId: number, quarter: Quarter, patch: { text: string } | { onSchedule: OnSchedule | null }) => {
    const key = `progress-${assignmentId}-${quarter}`;
    enqueueSave(targetId, async () => seen(await api['progress.save']({ assignmentId, quarter, ...patch, baseVersion: version.current }))).then(
      (t) => {
        setError(key, undefined);
        applyTarget(t, false);
      },
      (err: unknown) => {
        setError(key, errorMessage(err));
        learnNewer(err);
      },
    );
  };

  if (loadError) {
    return (
      <aside className="drawer" data-testid="target-detail" aria-label="责任目标详情">
        <header className="drawer-header">
          <h2>无法打开责任目标</h2>
          <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        <p className="banner error" role="alert">
          {loadError}
        </p>
      </aside>
    );
  }
  if (!target) return <aside className="drawer" aria-busy="true" aria-label="责任目标详情" />;

  const section = sections.find((s) => s.id === target.sectionId);

  return (
    <aside className="drawer" data-testid="target-detail" aria-labelledby="target-detail-title">
      <header className="drawer-header">
        <div>
          <h2 id="target-detail-title" ref={heading} tabIndex={-1}>
            第 {target.serial} 项责任目标
          </h2>
          <div className="drawer-sub muted">
            {target.year}年{section ? ` · ${section.name}` : ''} · 最后修改 {dateTime(target.updatedAt)}
          </div>
          {quarter !== undefined && <TargetLightHistory targetId={target.id} year={target.year} quarter={quarter} />}
        </div>
        <button type="button" className="icon" aria-label="关闭（Esc）" title="关闭（Esc）" onClick={onClose}>
          ×
        </button>
      </header>

      <section className="fields" aria-label="基本信息">
        <label className="field narrow">
          序号
          <DraftInput
            data-testid="field-serial"
            inputMode="numeric"
            aria-invalid={errors.serial ? true : undefined}
            value={String(target.serial)}
            onInput={() => {
              if (!errors.serial) return;
              setError('serial', undefined);
              abandonFailedSave(targetId);
            }}
            onCommit={(text) => {
              const n = Number(text.trim().replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
              if (!Number.isInteger(n) || n <= 0) setError('serial', '序号必须是正整数');
              else saveField('serial', n);
            }}
          />
        </label>
        <label className="field narrow">
          完成时限
          <DraftInput data-testid="field-deadline" maxLength={100} list="deadline-options" aria-invalid={errors.deadline ? true : undefined} value={target.deadline} onCommit={(v) => saveField('deadline', v.trim())} />
          <datalist id="deadline-options">
            {DEADLINE_SUGGESTIONS.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <label className="field">
          篇章
          <SectionSelect data-testid="field-section" sections={sections} value={target.sectionId} emptyLabel="（未归入篇章）" onChange={(id) => saveField('sectionId', id)} />
        </label>
        {(errors.serial || errors.deadline || errors.sectionId) && (
          // Under the row of short fields, full width: the serial column is too narrow for a sentence.
          <div className="full field-errors" role="alert">
            {errors.serial && <span className="field-error" data-field="serial">{errors.serial}</span>}
            {errors.deadline && <span className="field-error" data-field="deadline">{errors.deadline}</span>}
            {errors.sectionId && <span className="field-error" data-field="sectionId">{errors.sectionId}</span>}
          </div>
        )}
        <label className="field full">
          责任目标内容
          <DraftTextarea
            data-testid="field-content"
            rows={2}
            maxLength={20_000}
            placeholder="（内容为空）"
            aria-invalid={errors.content ? true : undefined}
            value={target.content}
            onCommit={(v) => saveField('content', v)}
          />
          {errors.content && (
            <span className="field-error" role="alert">
              {errors.content}
            </span>
          )}
        </label>
        {target.sourceText && target.sourceText !== target.content && (
          <p className="source full">
            <span className="muted">报告原文：</span>
            {target.sourceText}
          </p>
        )}
      </section>

      <section className="assignments" aria-labelledby="assignments-title">
        <h3 id="assignments-title">分工与各季度完成情况</h3>
        {errors.assignments && (
          <p className="field-error" role="alert">
            {errors.assignments}
          </p>
        )}
        {lines.map((line, i) => {
          const assignment = line.id === undefined ? undefined : target.assignments.find((a) => a.id === line.id);
          return (
            <div key={line.key} className="assignment" data-testid="assignment" data-assignment-id={line.id}>
              <div className="assignment-head">
                <strong>分工 {i + 1}</strong>
                <span className="spacer" />
                <button type="button" className="secondary small" disabled={i === 0} onClick={() => moveLine(i, -1)} aria-label={`分工 ${i + 1} 上移`}>
                  上移
                </button>
                <button type="button" className="secondary small" disabled={i === lines.length - 1} onClick={() => moveLine(i, 1)} aria-label={`分工 ${i + 1} 下移`}>
                  下移
                </button>
                <button
                  type="button"
                  className="secondary small"
                  disabled={lines.length === 1}
                  title={lines.length === 1 ? '至少保留一条分工' : undefined}
                  onClick={() => {
                    const hasProgress = assignment?.progress.some((p) => p.text !== '' || p.onSchedule !== null) ?? false;
                    if (hasProgress) setConfirm({ kind: 'remove-line', index: i });
                    else removeLine(i);
                  }}
                >
                  删除此分工
                </button>
              </div>
              <NamesInput label="市政府领导" names={line.leaders} suggestions={directory.leaders} onChange={(leaders) => updateLine(line.key, { leaders })} />
              <NamesInput
                label="牵头单位"
                names={line.leadUnits}
                suggestions={directory.units}
                onChange={(leadUnits) =>
                  // A line without a lead unit has nobody answering for it: ask before removing the only one.
                  leadUnits.length === 0 && line.leadUnits.length === 1
                    ? setConfirm({ kind: 'remove-lead', key: line.key, index: i, unit: line.leadUnits[0]! })
                    : updateLine(line.key, { leadUnits })
                }
              />
              <NamesInput label="配合单位" names={line.cooperatingUnits} suggestions={directory.units} onChange={(cooperatingUnits) => updateLine(line.key, { cooperatingUnits })} />
              {assignment ? (
                <div className="quarters">
                  {QUARTERS.map((q) => {
                    const report = assignment.progress.find((p) => p.quarter === q);
                    const key = `progress-${assignment.id}-${q}`;
                    const value = report?.onSchedule ?? null;
                    const label = ON_SCHEDULE_OPTIONS.find((o) => o.value === (value ?? ''))!.label;
                    return (
                      <div key={q} className="quarter" data-quarter={q}>
                        <div className="quarter-head">
                          <span>{quarterLabel(q)}完成情况</span>
                          <span className={`flag-${value ?? 'blank'}`}>
                            <select
                              aria-label={`${quarterLabel(q)}是否按计划完成进度`}
                              value={value ?? ''}
                              onChange={(e) => saveProgress(assignment.id, q, { onSchedule: e.target.value === '' ? null : (e.target.value as OnSchedule) })}
                            >
                              {ON_SCHEDULE_OPTIONS.map((o) => (
                                <option key={o.value} value={o.value}>
                                  {o.label}
                                </option>
                              ))}
                            </select>
                          </span>
                        </div>
                        <DraftTextarea
                          aria-label={`分工 ${i + 1} ${quarterLabel(q)}完成情况`}
                          rows={2}
                          maxLength={20_000}
                          placeholder="（未填报）"
                          value={report?.text ?? ''}
                          onCommit={(text) => saveProgress(assignment.id, q, { text })}
                        />
                        {report?.onScheduleText && report.onScheduleText !== label && <span className="wording">报送原文：{report.onScheduleText}</span>}
                        {errors[key] && (
                          <span className="field-error" role="alert">
                            {errors[key]}
                          </span>
                        )}
                      </div>
                    );
                  })}
                </div>
              ) : (
                <p className="muted small-text">正在保存这条分工，保存后即可填写各季度完成情况。</p>
              )}
            </div>
          );
        })}
        <button type="button" className="secondary" onClick={() => saveLines([...linesRef.current, { key: newKey(), leaders: [], leadUnits: [], cooperatingUnits: [] }])}>
          ＋ 添加分工
        </button>
      </section>

      <ReportSource targetId={targetId} version={target.version} />
      <CooperatingReturns target={target} onInsert={(assignmentId, quarter, text) => saveProgress(assignmentId, quarter, { text })} />

      <section className="history" aria-labelledby="history-title">
        <h3 id="history-title">变更记录</h3>
        {history.length === 0 ? (
          <p className="muted">暂无记录</p>
        ) : (
          <ol>
            {history.map((h) => {
              const { kind, detail } = describeChange(h, sections);
              return (
                <li key={h.id}>
                  <time className="muted" dateTime={h.at}>
                    {dateTime(h.at)}
                  </time>
                  <span className="actor">{h.actor || '（未署名）'}</span>
                  <span className="kind">{kind}</span>
                  {detail && <span className="detail">{detail}</span>}
                  {h.entity === 'target' && h.before !== null && h.kind !== 'create' && (
                    <button type="button" className="link revert" data-testid="revert" title="把该目标恢复到这次修改之前的样子（恢复本身也记入变更记录）" onClick={() => setConfirm({ kind: 'revert', change: h })}>
                      恢复到此前
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <footer className="drawer-footer">
        <button type="button" className="danger" data-testid="delete-target" onClick={() => setConfirm({ kind: 'delete-target' })}>
          删除目标
        </button>
      </footer>
      {confirm?.kind === 'delete-target' && (
        <ConfirmDialog
          title="删除责任目标"
          message={`确定删除第 ${target.serial} 项责任目标及其全部分工和各季度完成情况吗？删除会记入变更记录。`}
          confirmLabel="确定删除"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            enqueueSave(targetId, () => api['targets.delete']({ id: targetId })).then(onDeleted, (err: unknown) => setError('delete', errorMessage(err)));
          }}
        />
      )}
      {confirm?.kind === 'revert' && (
        <ConfirmDialog
          title="恢复到此前"
          message={revertMessage(target.serial, confirm.change, history)}
          details={<RevertList change={confirm.change} history={history} sections={sections} />}
          confirmLabel="确定恢复"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const change = confirm.change;
            setConfirm(null);
            enqueueSave(targetId, () => api['history.revert']({ changeId: change.id, to: 'before' })).then(
              ({ target: t }) => {
                if (!t) return;
                linesRef.current = toDrafts(t);
                setLines(linesRef.current);
                applyTarget(t, true);
              },
              (err: unknown) => setError('delete', errorMessage(err)),
            );
          }}
        />
      )}
      {confirm?.kind === 'remove-lead' && (
        <ConfirmDialog
          title="删除牵头单位"
          message={`“${confirm.unit}”是分工 ${confirm.index + 1} 唯一的牵头单位。删除后这条分工没有牵头单位，其完成情况无人负责报送。确定删除吗？`}
          confirmLabel="确定删除"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            updateLine(confirm.key, { leadUnits: [] });
            setConfirm(null);
          }}
        />
      )}
      {confirm?.kind === 'remove-line' && (
        <ConfirmDialog
          title="删除分工"
          message={`分工 ${confirm.index + 1} 已填报过完成情况。删除后，这条分工各季度的完成情况也一并删除。确定删除吗？`}
          confirmLabel="确定删除"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            removeLine(confirm.index);
            setConfirm(null);
          }}
        />
      )}
      {errors.delete && (
        <p className="field-error" role="alert">
          {errors.delete}
        </p>
      )}
    </aside>
  );
}

/** The target changes a revert to before `change` takes back: that change and every later one, oldest first. */
function takenBack(change: ChangeEntry, history: ChangeEntry[]): ChangeEntry[] {
  return history.filter((h) => h.entity === 'target' && h.id >= change.id).sort((a, b) => a.id - b.id);
}

function revertMessage(serial: number, change: ChangeEntry, history: ChangeEntry[]): string {
  const later = takenBack(change, history).length - 1;
  const also = later > 0 ? `这之后的 ${later} 处修改也会一并退回（见下），` : '';
  return `把第 ${serial} 项恢复到 ${dateTime(change.at)} 这次修改之前的样子吗？${also}恢复会记入变更记录，可以再次恢复。`;
}

/** Lists, before a revert, each change it takes back: when, who, what (field, before → after). */
function RevertList({ change, history, sections }: { change: ChangeEntry; history: ChangeEntry[]; sections: Section[] }) {
  return (
    <ol className="revert-list" data-testid="revert-list" aria-label="将被退回的修改">
      {takenBack(change, history).map((h) => {
        const { kind, detail } = describeChange(h, sections);
        return (
          <li key={h.id}>
            {dateTime(h.at)} {h.actor || '（未署名）'} {kind}
            {detail ? `：${detail}` : ''}
          </li>
        );
      })}
    </ol>
  );
}
