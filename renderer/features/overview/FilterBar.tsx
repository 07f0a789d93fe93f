import { memo } from 'react';
import type { OverviewFilter, Section } from '../../../shared/contract';
import { SectionSelect } from '../../components/Selects';

export type FilterState = Omit<OverviewFilter, 'query'>;

interface Props {
  filter: FilterState;
  leaders: string[];
  units: string[];
  sections: Section[];
  onChange: (next: FilterState) => void;
  onClear: () => void;
  active: boolean;
}

export const FilterBar = memo(function FilterBar({ filter, leaders, units, sections, onChange, onClear, active }: Props) {
  return (
    <div className="filter-bar" role="toolbar" aria-label="筛选">
      <label>
        市政府领导
        <select data-testid="filter-leader" value={filter.leader ?? ''} onChange={(e) => onChange({ ...filter, leader: e.target.value || undefined })}>
          <option value="">全部</option>
          {leaders.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        责任单位
        <select data-testid="filter-unit" value={filter.unit ?? ''} onChange={(e) => onChange({ ...filter, unit: e.target.value || undefined })}>
          <option value="">全部</option>
          {units.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label>
        是否按计划
        <select
          data-testid="filter-on-schedule"
          value={filter.onSchedule ?? ''}
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
        篇章
        <SectionSelect data-testid="filter-section" sections={sections} value={filter.sectionId ?? null} emptyLabel="全部" onChange={(id) => onChange({ ...filter, sectionId: id ?? undefined })} />
      </label>
      <button type="button" className="secondary" onClick={onClear} disabled={!active}>
        清除筛选
      </button>
    </div>
  );
});
