import { useEffect, useRef, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/**
 * A field that keeps what the user is typing while saves of other fields come back: the stored value
 * replaces the draft only when the field is not being edited. Commits on leaving the field.
 */
function useDraft(value: string, onCommit: (value: string) => void) {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  return {
    value: draft,
    onFocus: () => {
      editing.current = true;
    },
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      editing.current = false;
      if (draft !== value) onCommit(draft);
    },
  };
}

type Common = { value: string; onCommit: (value: string) => void };

export function DraftInput({ value, onCommit, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur' | 'onFocus'>) {
  return <input {...rest} {...useDraft(value, onCommit)} />;
}

export function DraftTextarea({ value, onCommit, ...rest }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'onBlur' | 'onFocus'>) {
  return <textarea {...rest} {...useDraft(value, onCommit)} />;
}
