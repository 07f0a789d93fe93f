/**
 * A row here says the search indexes (target_search, progress_search) lag the tables: a bulk write (an
 * import of thousands of lines) leaves them to the first search, which rebuilds them (repos/search.ts).
 */
export const up = `
CREATE TABLE search_index_stale (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  since TEXT NOT NULL
);
`;
