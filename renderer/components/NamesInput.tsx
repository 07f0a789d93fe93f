import { useId, useState } from 'react';
import { splitNames } from '../../shared/domain';
import { undoOwner } from './undoKeys';

interface Props {
  label: string;
  names: string[];
  suggestions: string[];
  onChange: (names: string[]) => void;
  testId?: string;
}

// What separates names as offices type them: 、 ， , ； ; a space (also the full-width one) or a new line.
const SEPARATOR_AT_END = /[、，,；;\s\u3000]$/;

/**
 * Several names in one field, as a row of tags: type a name and press Enter, 、, ， or space to add it (the
 * list offers the names already known); Backspace in the empty box removes the last one.
 */
export function NamesInput({ label, names, suggestions, onChange, testId }: Props) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const inputId = useId();
  const add = (text: string) => {
    const added = splitNames(text).filter((n, i, all) => !names.includes(n) && all.indexOf(n) === i);
    if (added.length > 0) onChange([...names, ...added]);
    setDraft('');
  };
  return (
    <div className="names-input" data-testid={testId}>
      <label className="names-label" htmlFor={inputId}>
        {label}
      </label>
      <div className="chips">
        {names.map((n) => (
          <span key={n} className="chip">
            {n}
            <button type="button" aria-label={`移除“${n}”`} title="移除" onClick={() => onChange(names.filter((x) => x !== n))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={inputId}
          list={listId}
          value={draft}
          autoComplete="off"
          {...undoOwner(draft !== '')}
          placeholder={names.length === 0 ? '输入后按回车添加' : ''}
          onChange={(e) => {
            const v = e.target.value;
            // An input method composing pinyin may put a space inside; only a separator typed last adds.
            if (SEPARATOR_AT_END.test(v) && v.trim() !== '' && !(e.nativeEvent as InputEvent).isComposing) add(v);
            else setDraft(v);
          }}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return;
            if (e.key === 'Enter') {
              e.preventDefault();
              if (draft.trim()) add(draft);
            } else if (e.key === 'Backspace' && draft === '' && names.length > 0) {
              onChange(names.slice(0, -1));
            } else if (e.key === 'Escape' && draft !== '') {
              e.preventDefault();
              e.stopPropagation();
              setDraft('');
            }
          }}
          onBlur={() => draft.trim() && add(draft)}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !names.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      </div>
    </div>
  );
}
