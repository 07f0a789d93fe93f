import { memo } from 'react';
import type { Section } from '../../../shared/contract';
import { SectionSelect } from '../../components/Selects';
import type { FilterState } from './useOverview';

interface Props {
  filter: FilterState;
  leaders: string[];
  units: string[];
  sections: Section[];
  onChange: (next: FilterState) => void;
  onClear: () => void;
  active: boolean;
}

/** The names to offer, with the one in force kept even when this year's directory does not list it. */
function withCurrent(names: string[], current: string | undefined): string[] {
  return current === undefined || names.includes(current) ? names : [current, ...names];
}

/** The filters of the overview; each change asks the service again (the filtering happens there). */
export const FilterBar = memo(function FilterBar({ filter, leaders, units, sections, onChange, onClear, active }: Props) {
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
        <SectionSelect
          data-testid="filter-section"
          className={filter.sectionId ? 'is-set' : ''}
          sections={sections.filter((s) => s.targetCount > 0 || s.id === filter.sectionId).map((s) => ({ ...s, name: `${s.name}（${s.targetCount}）` }))}
          value={filter.sectionId ?? null}
          emptyLabel="全部"
          onChange={(id) => onChange({ ...filter, sectionId: id ?? undefined })}
        />
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
