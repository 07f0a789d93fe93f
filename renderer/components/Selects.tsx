import type { SelectHTMLAttributes } from 'react';
import type { Section } from '../../shared/contract';
import { QUARTERS, quarterLabel, type Quarter } from '../../shared/domain';

type Base = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** 一季度…四季度, wherever a quarter is chosen. */
export function QuarterSelect({ value, onChange, ...rest }: Base & { value: Quarter; onChange: (q: Quarter) => void }) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(Number(e.target.value) as Quarter)}>
      {QUARTERS.map((q) => (
        <option key={q} value={q}>
          {quarterLabel(q)}
        </option>
      ))}
    </select>
  );
}

/** The work report's sections (篇章), with a first option for "none" or "all". */
export function SectionSelect({ sections, value, onChange, emptyLabel, ...rest }: Base & { sections: Section[]; value: number | null; onChange: (id: number | null) => void; emptyLabel: string }) {
  return (
    <select {...rest} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
      <option value="">{emptyLabel}</option>
      {sections.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  );
}
