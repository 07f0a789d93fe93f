/**
 * A date typed as 年 / 月 / 日, the same on every browser and language (the native date control shows
 * mm/dd/yyyy on an English system). Digits move on by themselves (four for the year, two for month and
 * day), ↑ ↓ step a part, Backspace in an empty part goes back one; the date is taken when the focus leaves
 * the field or on Enter, once it is a real date (or all three are empty: no date). Value: YYYY-MM-DD or ''.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import './dateField.css';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** What the date is, for screen readers (the visible label is the caller's). */
  label: string;
  disabled?: boolean;
  'data-testid'?: string;
}

type Part = 'y' | 'm' | 'd';
type Parts = Record<Part, string>;
const ORDER: Part[] = ['y', 'm', 'd'];
const LENGTH: Record<Part, number> = { y: 4, m: 2, d: 2 };
const WORD: Record<Part, string> = { y: '年', m: '月', d: '日' };

function partsOf(value: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? { y: m[1]!, m: m[2]!, d: m[3]! } : { y: '', m: '', d: '' };
}

/** The ISO date of the parts, '' when all are empty, null when they are not a real date. */
export function dateOfParts(p: Parts): string | null {
  if (p.y === '' && p.m === '' && p.d === '') return '';
  const y = Number(p.y);
  const m = Number(p.m);
  const d = Number(p.d);
  if (!/^\d{4}$/.test(p.y) || y < 1900 || y > 2199 || !(m >= 1 && m <= 12) || !(d >= 1 && d <= new Date(y, m, 0).getDate())) return null;
  return `${p.y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function DateField({ value, onChange, label, disabled, 'data-testid': testId }: Props) {
  const [parts, setParts] = useState<Parts>(() => partsOf(value));
  const [invalid, setInvalid] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const refs = { y: useRef<HTMLInputElement>(null), m: useRef<HTMLInputElement>(null), d: useRef<HTMLInputElement>(null) };
  const errorId = useId();

  // The stored value replaces the parts unless the user is typing in them.
  useEffect(() => {
    if (!box.current?.contains(document.activeElement)) {
      setParts(partsOf(value));
      setInvalid(false);
    }
  }, [value]);

  const commit = (p: Parts) => {
    const date = dateOfParts(p);
    setInvalid(date === null);
    if (date !== null && date !== value) onChange(date);
  };

  const focusPart = (part: Part | undefined) => {
    const el = part && refs[part].current;
    if (!el) return;
    el.focus();
    el.select();
  };

  const onKeyDown = (part: Part, e: KeyboardEvent<HTMLInputElement>) => {
    const i = ORDER.indexOf(part);
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(parts);
    } else if (e.key === 'Backspace' && parts[part] === '' && i > 0) {
      e.preventDefault();
      focusPart(ORDER[i - 1]);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const now = new Date();
      const base = parts[part] === '' ? (part === 'y' ? now.getFullYear() : part === 'm' ? now.getMonth() + 1 : now.getDate()) : Number(parts[part]) + (e.key === 'ArrowUp' ? 1 : -1);
      const max = part === 'y' ? 2199 : part === 'm' ? 12 : 31;
      const min = part === 'y' ? 1900 : 1;
      const next = base > max ? min : base < min ? max : base;
      setParts({ ...parts, [part]: String(next).padStart(LENGTH[part], '0') });
    } else if ((e.key === 'ArrowRight' && e.currentTarget.selectionStart === parts[part].length) || e.key === '/' || e.key === '-' || e.key === '.') {
      if (i < 2) {
        e.preventDefault();
        focusPart(ORDER[i + 1]);
      } else if (e.key !== 'ArrowRight') e.preventDefault();
    } else if (e.key === 'ArrowLeft' && e.currentTarget.selectionStart === 0 && i > 0) {
      e.preventDefault();
      focusPart(ORDER[i - 1]);
    }
  };

  return (
    <span
      ref={box}
      className={`date-field${invalid ? ' invalid' : ''}${disabled ? ' disabled' : ''}`}
      role="group"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      onBlur={(e) => {
        // Moving between 年, 月 and 日 is not leaving the field.
        if (!box.current?.contains(e.relatedTarget as Node | null)) commit(parts);
      }}
    >
      {ORDER.map((part) => (
        <span key={part} className="date-part">
          <input
            ref={refs[part]}
            className={`date-${part}`}
            inputMode="numeric"
            autoComplete="off"
            aria-label={`${label}：${WORD[part]}`}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            placeholder={part === 'y' ? '····' : '··'}
            maxLength={LENGTH[part]}
            disabled={disabled}
            value={parts[part]}
            onFocus={(e) => e.currentTarget.select()}
            onChange={(e) => {
              const digits = e.target.value.replace(/\D/g, '').slice(0, LENGTH[part]);
              setParts({ ...parts, [part]: digits });
              setInvalid(false);
              // A month or day that cannot take another digit (4…9) is complete at one.
              const full = digits.length === LENGTH[part] || (part !== 'y' && digits.length === 1 && Number(digits) > (part === 'm' ? 1 : 3));
              if (full && part !== 'd') focusPart(ORDER[ORDER.indexOf(part) + 1]);
            }}
            onKeyDown={(e) => onKeyDown(part, e)}
          />
          <span className="date-word" aria-hidden="true">
            {WORD[part]}
          </span>
        </span>
      ))}
      {invalid && (
        <span id={errorId} className="field-error" role="alert">
          不是有效的日期
        </span>
      )}
    </span>
  );
}
