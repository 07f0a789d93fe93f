/**
 * A pure function of a short text, remembered: a table of 5,000 targets holds its leaders, units and status
 * words thousands of times over, and reading each of them again (several regular expressions a name) was
 * a tenth of an import. Long texts (contents, progress) are each read once anyway and are not kept; the
 * table is emptied when full, so it never grows past `limit` entries.
 */
export function rememberShort<T>(read: (text: string) => T, copy: (value: T) => T = (v) => v, limit = 4096): (text: string) => T {
  const known = new Map<string, T>();
  return (text: string) => {
    if (text.length > 64) return read(text);
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= limit) known.clear();
      value = read(text);
      known.set(text, value);
    }
    // The caller may change what it is given; the remembered answer must stay as read.
    return copy(value);
  };
}

/** The copy of a remembered list. */
export const copyList = <T>(list: T[]): T[] => list.slice();
