/**
 * One target opened: its fields, its lines (分工) with leaders and units, every quarter's progress and its
 * history. Every field saves itself when left; a rule broken (a serial already used) shows at the field.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AssignmentInput, ChangeEntry, Section, Target, TargetPatch } from '../../../shared/contract';
import { QUARTERS, quarterLabel, type OnSchedule, type Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { enqueueSave } from '../../app/saveQueue';
import { CHANGE_KIND_LABELS, dateTime, ON_SCHEDULE_OPTIONS } from '../../app/format';
import { ConfirmDialog } from '../../components/Dialog';
import { NamesInput } from '../../components/NamesInput';
import { DraftInput, DraftTextarea } from '../../components/DraftField';
import { SectionSelect } from '../../components/Selects';

interface Props {
  targetId: number;
  sections: Section[];
  directory: { leaders: string[]; units: string[] };
  onClose: () => void;
  onChanged: () => void;
  onDeleted: () => void;
}

type FieldErrors = Partial<Record<string, string>>;

export function TargetDrawer({ targetId, sections, directory, onClose, onChanged, onDeleted }: Props) {
  const [target, setTarget] = useState<Target | null>(null);
  const [lines, setLines] = useState<AssignmentInput[]>([]);
  const linesRef = useRef(lines);
  linesRef.current = lines;
  const [history, setHistory] = useState<ChangeEntry[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const refreshHistory = useCallback(() => {
    api['history.forTarget']({ targetId }).then(setHistory, () => undefined);
  }, [targetId]);

  const applyTarget = useCallback(
    (t: Target) => {
      setTarget(t);
      refreshHistory();
      onChanged();
    },
    [onChanged, refreshHistory],
  );

  useEffect(() => {
    api['targets.get']({ id: targetId }).then(
      (t) => {
        setTarget(t);
        setLines(t.assignments.map((a) => ({ id: a.id, leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits })));
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
    refreshHistory();
  }, [targetId, refreshHistory]);

  const saveField = (field: keyof TargetPatch, value: TargetPatch[keyof TargetPatch]) => {
    if (!target || target[field as keyof Target] === value) {
      setErrors((e) => ({ ...e, [field]: undefined }));
      return;
    }
    enqueueSave(targetId, () => api['targets.update']({ id: targetId, patch: { [field]: value } })).then(
      (t) => {
        setErrors((e) => ({ ...e, [field]: undefined }));
        applyTarget(t);
      },
      (err: unknown) => setErrors((e) => ({ ...e, [field]: errorMessage(err) })),
    );
  };

  const saveLines = (next: AssignmentInput[]) => {
    setLines(next);
    // The payload is built when the save's turn comes, from the newest lines, so a line added a moment
    // ago already carries the id the previous save gave it.
    enqueueSave(targetId, () => api['targets.saveAssignments']({ targetId, assignments: linesRef.current })).then(
      (t) => {
        setLines((current) => current.map((l, i) => ({ ...l, id: t.assignments[i]?.id ?? l.id })));
        setErrors((e) => ({ ...e, assignments: undefined }));
        applyTarget(t);
      },
      (err: unknown) => setErrors((e) => ({ ...e, assignments: errorMessage(err) })),
    );
  };

  const saveProgress = (assignmentId: number, quarter: Quarter, patch: { text?: string; onSchedule?: OnSchedule | null }) => {
    enqueueSave(targetId, () => api['progress.save']({ assignmentId, quarter, ...patch })).then(applyTarget, (err: unknown) =>
      setErrors((e) => ({ ...e, [`progress-${assignmentId}-${quarter}`]: errorMessage(err) })),
    );
  };

  // Escape closes the panel wherever the focus is, unless a dialog above it takes the key first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !confirming) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirming, onClose]);

  if (loadError) {
    return (
      <aside className="drawer" data-testid="target-detail" aria-label="责任目标详情">
        <p className="error">{loadError}</p>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </aside>
    );
  }
  if (!target) return <aside className="drawer" aria-busy="true" aria-label="责任目标详情" />;

  const updateLine = (i: number, patch: Partial<AssignmentInput>) => saveLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <aside
      className="drawer"
      data-testid="target-detail"
      aria-label={`第${target.serial}项责任目标`}
    >
      <header className="drawer-header">
        <h2>第 {target.serial} 项责任目标</h2>
        <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
          ×
        </button>
      </header>

      <section className="fields">
        <label className="field narrow">
          序号
          <DraftInput
            data-testid="field-serial"
            inputMode="numeric"
            value={String(target.serial)}
            onCommit={(text) => {
              const n = Number(text.trim());
              if (!Number.isInteger(n) || n <= 0) setErrors((x) => ({ ...x, serial: '序号必须是正整数' }));
              else saveField('serial', n);
            }}
          />
          {errors.serial && <span className="field-error" role="alert">{errors.serial}</span>}
        </label>
        <label className="field narrow">
          完成时限
          <DraftInput data-testid="field-deadline" list="deadline-options" value={target.deadline} onCommit={(v) => saveField('deadline', v)} />
          <datalist id="deadline-options">
            {['年底', '长期坚持', '6月底前', '9月底前', '第四季度'].map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          {errors.deadline && <span className="field-error" role="alert">{errors.deadline}</span>}
        </label>
        <label className="field">
          篇章
          <SectionSelect sections={sections} value={target.sectionId} emptyLabel="（未归入篇章）" onChange={(id) => saveField('sectionId', id)} />
        </label>
        <label className="field full">
          责任目标内容
          <DraftTextarea data-testid="field-content" rows={3} value={target.content} onCommit={(v) => saveField('content', v)} />
          {errors.content && <span className="field-error" role="alert">{errors.content}</span>}
        </label>
        {target.sourceText && (
          <p className="source full">
            <span className="muted">报告原文：</span>
            {target.sourceText}
          </p>
        )}
      </section>

      <section className="assignments">
        <h3>分工</h3>
        {errors.assignments && <p className="field-error" role="alert">{errors.assignments}</p>}
        {lines.map((line, i) => {
          const assignment = target.assignments.find((a) => a.id === line.id);
          return (
            <div key={line.id ?? `new-${i}`} className="assignment" data-testid="assignment">
              <div className="assignment-head">
                <strong>分工 {i + 1}</strong>
                <span className="spacer" />
                <button type="button" className="secondary small" disabled={i === 0} onClick={() => saveLines(lines.map((l, j) => (j === i - 1 ? lines[i]! : j === i ? lines[i - 1]! : l)))}>
                  上移
                </button>
                <button type="button" className="secondary small" disabled={lines.length === 1} onClick={() => saveLines(lines.filter((_, j) => j !== i))}>
                  删除此分工
                </button>
              </div>
              <NamesInput label="市政府领导" names={line.leaders} suggestions={directory.leaders} onChange={(leaders) => updateLine(i, { leaders })} />
              <NamesInput label="牵头单位" names={line.leadUnits} suggestions={directory.units} onChange={(leadUnits) => updateLine(i, { leadUnits })} />
              <NamesInput label="配合单位" names={line.cooperatingUnits} suggestions={directory.units} onChange={(cooperatingUnits) => updateLine(i, { cooperatingUnits })} />
              {assignment && (
                <div className="quarters">
                  {QUARTERS.map((q) => {
                    const report = assignment.progress.find((p) => p.quarter === q);
                    const key = `progress-${assignment.id}-${q}`;
                    return (
                      <div key={q} className="quarter">
                        <div className="quarter-head">
                          <span>{quarterLabel(q)}完成情况</span>
                          <select
                            aria-label={`${quarterLabel(q)}是否按计划完成进度`}
                            value={report?.onSchedule ?? ''}
                            onChange={(e) => saveProgress(assignment.id, q, { onSchedule: e.target.value === '' ? null : (e.target.value as OnSchedule) })}
                          >
                            {ON_SCHEDULE_OPTIONS.map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                        </div>
                        <DraftTextarea
                          aria-label={`${quarterLabel(q)}完成情况`}
                          rows={2}
                          value={report?.text ?? ''}
                          onCommit={(text) => saveProgress(assignment.id, q, { text })}
                        />
                        {errors[key] && <span className="field-error">{errors[key]}</span>}
                      </div>
                    );
                  })}
                </div>
              )}
            </div>
          );
        })}
        <button type="button" className="secondary" onClick={() => saveLines([...lines, { leaders: [], leadUnits: [], cooperatingUnits: [] }])}>
          添加分工
        </button>
      </section>

      <section className="history">
        <h3>变更记录</h3>
        {history.length === 0 ? (
          <p className="muted">暂无记录</p>
        ) : (
          <ol>
            {history.map((h) => (
              <li key={h.id}>
                <span className="muted">{dateTime(h.at)}</span> {h.actor} · {CHANGE_KIND_LABELS[h.kind] ?? h.kind}
              </li>
            ))}
          </ol>
        )}
      </section>

      <footer className="drawer-footer">
        <button type="button" className="danger" data-testid="delete-target" onClick={() => setConfirming(true)}>
          删除目标
        </button>
      </footer>
      {confirming && (
        <ConfirmDialog
          title="删除责任目标"
          message={`确定删除第 ${target.serial} 项责任目标及其全部分工和进展吗？删除会记入变更记录。`}
          confirmLabel="确定删除"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            enqueueSave(targetId, () => api['targets.delete']({ id: targetId })).then(onDeleted, (err: unknown) => setErrors((e) => ({ ...e, assignments: errorMessage(err) })));
          }}
        />
      )}
    </aside>
  );
}
