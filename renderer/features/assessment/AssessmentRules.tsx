/**
 * 考核细则: the year's rule table (base score, points and cap per kind of event, the cooperating units'
 * share, hand-entered items with their share). Saved as a whole; the change log keeps the table before and after.
 */
import { useEffect, useState } from 'react';
import type { AssessmentRules } from '../../../shared/contract';
import { ASSESSMENT_KINDS } from '../../../shared/contract';
import { KIND_LABELS } from '../../../shared/assessment/score';
import { api } from '../../api';
import { useRun } from '../../app/useRun';
import { Outcome } from '../../components/Outcome';

const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

export function AssessmentRulesSection({ year, onSaved }: { year: number; onSaved?: () => void }) {
  const [rules, setRules] = useState<AssessmentRules | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, run } = useRun();
  useEffect(() => run(api['assessment.get']({ year }), (a) => setRules(a.rules)), [run, year]);
  if (!rules) return <Outcome error={error} message={null} />;
  const kind = (k: (typeof ASSESSMENT_KINDS)[number], patch: Partial<AssessmentRules['kinds'][typeof k]>) => setRules({ ...rules, kinds: { ...rules.kinds, [k]: { ...rules.kinds[k], ...patch } } });
  return (
    <fieldset className="line-fieldset full assessment-rules" data-testid="assessment-rules">
      <legend>{year}年考核细则</legend>
      <div className="assessment-rules-head">
        <label className="field">
          基础分
          <input type="number" data-testid="rules-base" value={rules.base} onChange={(e) => setRules({ ...rules, base: num(e.target.value) })} />
        </label>
        <label className="field">
          配合单位承担比例（%）
          <input type="number" min={0} max={100} value={Math.round(rules.cooperatingShare * 100)} onChange={(e) => setRules({ ...rules, cooperatingShare: num(e.target.value) / 100 })} />
        </label>
      </div>
      <table className="assessment-rules-table">
        <thead>
          <tr>
            <th>事项</th>
            <th>每次分值（扣分为负）</th>
            <th>全年上限（空为不限）</th>
          </tr>
        </thead>
        <tbody>
          {ASSESSMENT_KINDS.map((k) => (
            <tr key={k} data-kind={k}>
              <td>{KIND_LABELS[k]}</td>
              <td>
                <input type="number" aria-label={`${KIND_LABELS[k]}每次分值`} value={rules.kinds[k].points} onChange={(e) => kind(k, { points: num(e.target.value) })} />
              </td>
              <td>
                <input type="number" min={0} aria-label={`${KIND_LABELS[k]}全年上限`} value={rules.kinds[k].cap ?? ''} onChange={(e) => kind(k, { cap: e.target.value === '' ? null : num(e.target.value) })} />
              </td>
            </tr>
          ))}
          {rules.items.map((item, i) => (
            <tr key={item.id}>
              <td>
                <input aria-label="手工录入项目名称" value={item.name} onChange={(e) => setRules({ ...rules, items: rules.items.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
              </td>
              <td colSpan={2}>
                占总分比例（%）{' '}
                <input type="number" min={0} max={100} aria-label={`${item.name}占比`} value={Math.round(item.share * 100)} onChange={(e) => setRules({ ...rules, items: rules.items.map((x, j) => (j === i ? { ...x, share: num(e.target.value) / 100 } : x)) })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Outcome error={error} message={message} />
      <div className="dialog-actions">
        <button
          type="button"
          data-testid="rules-save"
          disabled={busy}
          onClick={() =>
            run(api['assessment.saveRules']({ year, rules }), (saved) => {
              setRules(saved);
              setMessage('考核细则已保存，得分已按新细则重新计算（修改记入变更记录）。');
              onSaved?.();
            })
          }
        >
          保存考核细则
        </button>
      </div>
    </fieldset>
  );
}
