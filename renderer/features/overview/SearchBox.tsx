import { useEffect, useRef, useState, type Ref } from 'react';

export const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  /** The query in force; when it is cleared from outside (清除筛选) the box empties too. */
  query: string;
  onQuery: (query: string) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * The search box keeps its own text, so typing re-renders only the box; the query goes out 250 ms after the
 * last keystroke. While a Chinese input method is composing (pinyin letters not yet turned into characters)
 * nothing is sent.
 */
export function SearchBox({ query, onQuery, ref }: Props) {
  const [text, setText] = useState(query);
  const [composing, setComposing] = useState(false);
  const sent = useRef(query);

  useEffect(() => {
    if (query !== sent.current) {
      sent.current = query;
      setText(query);
    }
  }, [query]);

  useEffect(() => {
    if (composing) return;
    const wanted = text.trim();
    if (wanted === sent.current) return;
    const t = window.setTimeout(() => {
      sent.current = wanted;
      onQuery(wanted);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, composing, onQuery]);

  return (
    <input
      ref={ref}
      className="search"
      type="search"
      data-testid="search"
      placeholder="搜索内容和完成情况"
      title="搜索责任目标内容和本季度完成情况（Ctrl+F）"
      aria-label="搜索责任目标内容和完成情况"
      maxLength={200}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onCompositionStart={() => setComposing(true)}
      onCompositionEnd={(e) => {
        setComposing(false);
        setText(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && text !== '') {
          e.preventDefault();
          setText('');
        }
      }}
    />
  );
}
