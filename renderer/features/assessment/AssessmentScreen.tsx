/**
 * 年度考核: each unit's score, rank and points by kind, recomputed from the year's events on every open;
 * a score opens the events behind it. Hand-entered items (市政府领导评价) are typed in here; the rule
 * table is edited in 设置 (AssessmentRulesSection) and shown folded here as well.
 */
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import type { Assessment, AssessmentUnit } from '../../../shared/contract';
import { ASSESSMENT_KINDS } from '../../../shared/contract';
import { KIND_LABELS } from '../../../shared/assessment/score';
import { quarterLabel } from '../../../shared/domain';
import { api } from '../../api';
import { download } from '../../app/download';
import { useRun } from '../../app/useRun';
import { Dialog } from '../../components/Dialog';
import { Outcome } from '../../components/Outcome';
import { AssessmentRulesSection } from './AssessmentRules';
import './assessment.css';

type SortKey = 'rank' | 'unit' | 'score' | (typeof ASSESSMENT_KINDS)[number] | `item:${string}`;

function valueOf(u: AssessmentUnit, key: SortKey): number | string {
  if (key === 'unit') return u.unit;
  if (key === 'rank') return u.rank;
  if (key === 'score') return u.score;
  if (key.startsWith('item:')) return u.items[key.slice(5)] ?? -1;
  return u.byKind[key] ?? 0;
}

export function AssessmentScreen({ year, onClose }: { year: number; onClose: () => void }) {
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'rank', desc: false });
  const [open, setOpen] = useState<string | null>(null);
  const [rulesOpen, setRulesOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, run } = useRun();
  const reload = useCallback(() => run(api['assessment.get']({ year }), setAssessment), [run, year]);
  useEffect(reload, [reload]);

  const kinds = assessment ? ASSESSMENT_KINDS.filter((k) => assessment.rules.kinds[k].points !== 0) : [];
  const items = assessment?.rules.items.filter((i) => i.share > 0) ?? [];
  const units = useMemo(() => {
    const list = [...(assessment?.units ?? [])];
    list.sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      const c = typeof x === 'string' ? x.localeCompare(String(y), 'zh-Hans-CN') : x - (y as number);
      return (sort.desc ? -c : c) || a.rank - b.rank;
    });
    return list;
  }, [assessment, sort]);

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" data-sort={key} onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key === 'score' })}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const columns = 3 + kinds.length + items.length;

  return (
    <Dialog title={`${year}年度考核`} onClose={onClose} wide>
      <div className="assessment" data-testid="assessment-screen">
        {assessment && (
          <p className="assessment-summary" data-testid="assessment-summary">
            基础分 <b>{assessment.base}</b> 分，按考核细则逐项计分（截至 {assessment.asOf}，已计入{assessment.quarters.map(quarterLabel).join('、') || '无'}）。{assessment.notes.join('')}
            点击得分查看每一分的依据。
          </p>
        )}
        <div className="assessment-actions">
          <button type="button" className="secondary" aria-expanded={rulesOpen} onClick={() => setRulesOpen(!rulesOpen)}>
            {rulesOpen ? '收起考核细则' : '考核细则'}
          </button>
          <span className="spacer" />
          <button
            type="button"
            data-testid="assessment-export"
            disabled={busy || !assessment || assessment.units.length === 0}
            onClick={() =>
              run(api['assessment.export']({ year, asOf: assessment!.asOf }), (r) => {
                download(r.fileName, r.data);
                setMessage(`考核结果已导出（${r.units} 个单位）：${r.fileName}`);
              })
            }
          >
            导出考核结果（.xlsx）
          </button>
        </div>
        {rulesOpen && <AssessmentRulesSection year={year} onSaved={reload} />}
        <Outcome error={error} message={message} />
        <div className="assessment-table-wrap">
          <table className="assessment-table" data-testid="assessment-table">
            <thead>
              <tr>
                {header('rank', '排名')}
                {header('unit', '单位')}
                {header('score', '得分')}
                {kinds.map((k) => (
                  <Fragment key={k}>{header(k, KIND_LABELS[k])}</Fragment>
                ))}
                {items.map((i) => (
                  <Fragment key={i.id}>{header(`item:${i.id}`, `${i.name}（${Math.round(i.share * 100)}%）`)}</Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <Fragment key={u.unit}>
                  <tr data-unit={u.unit} className={open === u.unit ? 'open' : undefined}>
                    <td className="num">{u.rank}</td>
                    <td>{u.unit}</td>
                    <td className="num">
                      <button type="button" className="score" data-testid="assessment-score" aria-expanded={open === u.unit} onClick={() => setOpen(open === u.unit ? null : u.unit)}>
                        {u.score}
                      </button>
                    </td>
                    {kinds.map((k) => (
                      <td key={k} className={`num${(u.byKind[k] ?? 0) !== 0 ? ' moved' : ''}`}>
                        {u.byKind[k] ?? 0}
                      </td>
                    ))}
                    {items.map((i) => (
                      <td key={i.id} className="num">
                        <input
                          type="number"
                          min={0}
                          max={100}
                          aria-label={`${u.unit}${i.name}`}
                          defaultValue={u.items[i.id] ?? ''}
                          placeholder="未录入"
                          disabled={busy}
                          onBlur={(e) => {
                            const value = e.target.value === '' ? null : Number(e.target.value);
                            if (value === (u.items[i.id] ?? null)) return;
                            run(api['assessment.saveEntry']({ year, item: i.id, unit: u.unit, value }), reload);
                          }}
                        />
                      </td>
                    ))}
                  </tr>
                  {open === u.unit && (
                    <tr className="assessment-events-row">
                      <td colSpan={columns}>
                        {u.events.length === 0 ? (
                          <p className="muted">没有计分事项：得基础分 {assessment?.base} 分。</p>
                        ) : (
                          <table className="assessment-events" data-testid="assessment-events">
                            <thead>
                              <tr>
                                <th>序号</th>
                                <th>季度</th>
                                <th>日期</th>
                                <th>分值</th>
                                <th>事由</th>
                                <th>依据</th>
                              </tr>
                            </thead>
                            <tbody>
                              {u.events.map((e, i) => (
                                <tr key={i}>
                                  <td className="num">{e.serial ?? ''}</td>
                                  <td>{e.quarter === null ? '' : quarterLabel(e.quarter)}</td>
                                  <td>{e.date ?? ''}</td>
                                  <td className="num">{e.points}</td>
                                  <td>{e.reason}</td>
                                  <td className="muted">{e.rule}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {assessment && units.length === 0 && <p className="muted">{year}年的责任目标中没有责任单位。</p>}
        </div>
        <div className="dialog-actions dialog-footer">
          <button type="button" className="secondary" onClick={onClose}>
            关闭
          </button>
        </div>
      </div>
    </Dialog>
  );
}
