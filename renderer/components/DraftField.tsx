import { useEffect, useLayoutEffect, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type TextareaHTMLAttributes } from 'react';
import { undoOwner } from './undoKeys';

/**
 * A field that keeps what the user is typing while saves of other fields come back: the stored value
 * replaces the draft only when the field is not being edited. Commits on leaving the field (and when the
 * panel holding it closes with the field still dirty); Escape in a changed field puts the stored value back
 * and stops there, so a second Escape is needed to close the panel.
 */
function useDraft(value: string, onCommit: (value: string) => void, commitOnEnter: boolean) {
  const [draft, setDraft] = useState(value);
  const live = useRef({ draft, value, editing: false, onCommit });
  live.current.draft = draft;
  live.current.value = value;
  live.current.onCommit = onCommit;

  // The value the draft was last in step with: a focused field with nothing unsaved follows the stored
  // value too (an undo from the window changes it under the caret).
  const synced = useRef(value);
  // The draft last handed to onCommit while its save is on its way: it counts as saved, so a Ctrl+Z pressed
  // before the stored value comes back undoes that save rather than the field's typing.
  const [sent, setSent] = useState<string | undefined>(undefined);
  useEffect(() => {
    const { editing, draft: current } = live.current;
    if (!editing || current === synced.current || current === sent) setDraft(value);
    synced.current = value;
    setSent(undefined);
  }, [value]);

  useEffect(
    () => () => {
      const { editing, draft: last, value: stored, onCommit: commit } = live.current;
      if (editing && last !== stored) commit(last);
    },
    [],
  );

  const commit = () => {
    if (live.current.draft === live.current.value) return;
    setSent(live.current.draft);
    live.current.onCommit(live.current.draft);
  };

  return {
    value: draft,
    ...undoOwner(draft !== value && draft !== sent),
    onFocus: () => {
      live.current.editing = true;
    },
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      live.current.editing = false;
      commit();
    },
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.nativeEvent.isComposing) return;
      if (e.key === 'Escape' && draft !== value) {
        e.preventDefault();
        e.stopPropagation();
        setDraft(value);
      } else if (e.key === 'Enter' && commitOnEnter) {
        e.preventDefault();
        commit();
      }
    },
  };
}

type Common = { value: string; onCommit: (value: string) => void };
type Handled = 'value' | 'onChange' | 'onBlur' | 'onFocus' | 'onKeyDown';

export function DraftInput({ value, onCommit, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, Handled>) {
  return <input {...rest} {...useDraft(value, onCommit, true)} />;
}

/** A textarea that grows with its text (up to the CSS max-height), so long progress reads without scrolling. */
export function DraftTextarea({ value, onCommit, ...rest }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Handled>) {
  const props = useDraft(value, onCommit, false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [props.value]);
  return <textarea ref={ref} {...rest} {...props} />;
}
