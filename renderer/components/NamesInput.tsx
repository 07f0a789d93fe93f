import { useId, useState } from 'react';
import { splitNames } from '../../shared/domain';

interface Props {
  label: string;
  names: string[];
  suggestions: string[];
  onChange: (names: string[]) => void;
  testId?: string;
}

/** Several names in one field, as offices write them: type and press Enter, 、 or ， to add; Backspace removes. */
export function NamesInput({ label, names, suggestions, onChange, testId }: Props) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = (text: string) => {
    const added = splitNames(text).filter((n) => !names.includes(n));
    if (added.length > 0) onChange([...names, ...added]);
    setDraft('');
  };
  return (
    <div className="names-input" data-testid={testId}>
      <span className="names-label">{label}</span>
      <div className="chips">
        {names.map((n) => (
          <span key={n} className="chip">
            {n}
            <button type="button" aria-label={`移除${n}`} onClick={() => onChange(names.filter((x) => x !== n))}>
              ×
            </button>
          </span>
        ))}
        <input
          aria-label={label}
          list={listId}
          value={draft}
          placeholder={names.length === 0 ? '输入后按回车' : ''}
          onChange={(e) => {
            const v = e.target.value;
            if (/[、，,；;\n]$/.test(v)) add(v);
            else setDraft(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              if (draft.trim()) add(draft);
            } else if (e.key === 'Backspace' && draft === '' && names.length > 0) {
              onChange(names.slice(0, -1));
            }
          }}
          onBlur={() => draft.trim() && add(draft)}
        />
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
    </div>
  );
}
