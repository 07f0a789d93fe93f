/**
 * Each leader's (or unit's, or section's) status mix as a stacked bar, drawn as SVG here (no remote
 * content) with a pattern per status as well as a colour, so that a black-and-white printout still reads.
 * A segment is a button: it opens the items behind it.
 */
import type { ReviewGroup } from '../../../shared/contract';
import { STATUS_LABELS, STATUS_ORDER, type Status } from './labels';

const FILL: Record<Status, string> = {
  behind: 'url(#p-behind)',
  'not-reported': 'url(#p-not-reported)',
  'on-pace': 'url(#p-on-pace)',
  ahead: 'url(#p-ahead)',
  done: 'url(#p-done)',
  ongoing: 'url(#p-ongoing)',
};

export function PatternDefs() {
  return (
    <svg width="0" height="0" aria-hidden="true" style={{ position: 'absolute' }}>
      <defs>
        <pattern id="p-behind" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#c41d1d" />
          <path d="M0 6 L6 0" stroke="#000" strokeWidth="1.4" />
        </pattern>
        <pattern id="p-not-reported" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#e8a33d" />
          <circle cx="3" cy="3" r="1.2" fill="#000" />
        </pattern>
        <pattern id="p-on-pace" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#8fc07a" />
        </pattern>
        <pattern id="p-ahead" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#389e0d" />
          <path d="M0 3 L6 3" stroke="#fff" strokeWidth="1" />
        </pattern>
        <pattern id="p-done" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#135200" />
        </pattern>
        <pattern id="p-ongoing" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#d9d9d9" />
          <path d="M3 0 L3 6" stroke="#555" strokeWidth="1" />
        </pattern>
      </defs>
    </svg>
  );
}

export function Legend() {
  return (
    <div className="bar-legend">
      {STATUS_ORDER.map((s) => (
        <span key={s}>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" fill={FILL[s]} stroke="#333" strokeWidth="0.5" />
          </svg>
          {STATUS_LABELS[s]}
        </span>
      ))}
    </div>
  );
}

export function StatusBars({ title, groups, onPick, testId }: { title: string; groups: ReviewGroup[]; onPick: (name: string, status: Status) => void; testId: string }) {
  const max = Math.max(1, ...groups.map((g) => g.total));
  return (
    <section className="bars" data-testid={testId}>
      <h3>{title}</h3>
      <table>
        <tbody>
          {groups.map((g) => {
            let x = 0;
            return (
              <tr key={g.name}>
                <th scope="row">{g.name}</th>
                <td>
                  <svg className="bar" viewBox={`0 0 ${max} 10`} preserveAspectRatio="none" role="img" aria-label={`${g.name}：${STATUS_ORDER.filter((s) => g.statuses[s] > 0).map((s) => `${STATUS_LABELS[s]}${g.statuses[s]}项`).join('，')}`}>
                    {STATUS_ORDER.map((s) => {
                      const n = g.statuses[s];
                      if (n === 0) return null;
                      const rect = (
                        <rect key={s} x={x} y={0} width={n} height={10} fill={FILL[s]} stroke="#fff" strokeWidth={0.05} vectorEffect="non-scaling-stroke" className="segment" onClick={() => onPick(g.name, s)}>
                          <title>{`${g.name} ${STATUS_LABELS[s]} ${n} 项（点击查看）`}</title>
                        </rect>
                      );
                      x += n;
                      return rect;
                    })}
                  </svg>
                </td>
                <td className="num">
                  <button type="button" className="link" onClick={() => onPick(g.name, 'behind')} title="查看滞后事项">
                    {g.statuses.behind > 0 ? `滞后 ${g.statuses.behind}` : ''}
                  </button>
                </td>
                <td className="num">{g.total}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
