import { memo } from 'react';
import type { Section } from '../../../shared/contract';
import type { FilterState } from './useOverview';

interface Props {
  filter: FilterState;
  leaders: string[];
  units: string[];
  sections: Section[];
  /** The year's targets, so that those in no section can be counted (and offered) too. */
  totalTargets: number;
  onChange: (next: FilterState) => void;
  onClear: () => void;
  active: boolean;
}

/** The names to offer, with the one in force kept even when this year's directory does not list it. */
function withCurrent(names: string[], current: string | undefined): string[] {
  return current === undefined || names.includes(current) ? names : [current, ...names];
}

/** The filters of the overview; each change asks the service again (the filtering happens there). */
const UNSECTIONED = 'none';

export const FilterBar = memo(function FilterBar({ filter, leaders, units, sections, totalTargets, onChange, onClear, active }: Props) {
  // The counts add up to the year's targets: those in no section have their own option, as on the dashboard.
  const unsectioned = totalTargets - sections.reduce((n, s) => n + s.targetCount, 0);
  return (
    <div className="filter-bar" role="toolbar" aria-label="筛选">
      <label>
        <span className="label">市政府领导</span>
        <select data-testid="filter-leader" value={filter.leader ?? ''} className={filter.leader ? 'is-set' : ''} onChange={(e) => onChange({ ...filter, leader: e.target.value || undefined })}>
          <option value="">全部</option>
          {withCurrent(leaders, filter.leader).map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="label">责任单位</span>
        <select data-testid="filter-unit" value={filter.unit ?? ''} className={filter.unit ? 'is-set' : ''} onChange={(e) => onChange({ ...filter, unit: e.target.value || undefined })}>
          <option value="">全部</option>
          {withCurrent(units, filter.unit).map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="label">是否按计划完成进度</span>
        <select
          data-testid="filter-on-schedule"
          value={filter.onSchedule ?? ''}
          className={filter.onSchedule ? 'is-set' : ''}
          onChange={(e) => onChange({ ...filter, onSchedule: (e.target.value || undefined) as FilterState['onSchedule'] })}
        >
          <option value="">全部</option>
          <option value="yes">是</option>
          <option value="no">否</option>
          <option value="basic">基本</option>
          <option value="blank">未填报</option>
        </select>
      </label>
      <label>
        <span className="label">篇章</span>
        <select
          data-testid="filter-section"
          className={filter.sectionId || filter.unsectioned ? 'is-set' : ''}
          value={filter.unsectioned ? UNSECTIONED : (filter.sectionId ?? '')}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...filter, sectionId: v === '' || v === UNSECTIONED ? undefined : Number(v), unsectioned: v === UNSECTIONED || undefined });
          }}
        >
          <option value="">全部</option>
          {sections
            .filter((s) => s.targetCount > 0 || s.id === filter.sectionId)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}（{s.targetCount}）
              </option>
            ))}
          {(unsectioned > 0 || filter.unsectioned) && <option value={UNSECTIONED}>未归入篇章（{Math.max(0, unsectioned)}）</option>}
        </select>
      </label>
      <label title="默认只在本季度的完成情况中搜索">
        <input type="checkbox" data-testid="search-all-quarters" checked={filter.searchAllQuarters === true} onChange={(e) => onChange({ ...filter, searchAllQuarters: e.target.checked || undefined })} />
        搜索所有季度的完成情况
      </label>
      <label>
        <input type="checkbox" data-testid="with-previous" checked={filter.withPrevious === true} onChange={(e) => onChange({ ...filter, withPrevious: e.target.checked || undefined })} />
        显示上季度完成情况
      </label>
      <button type="button" className="secondary" onClick={onClear} disabled={!active}>
        清除筛选
      </button>
    </div>
  );
});
