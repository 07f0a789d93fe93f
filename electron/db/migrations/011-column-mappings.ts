/**
 * Column mappings the user kept (issue 13): a file whose header has the same shape (signature) is read with
 * the same corrections, so an office's own table is mapped once, not every quarter.
 */
export const up = `
CREATE TABLE column_mappings (
  signature TEXT PRIMARY KEY,
  mapping_json TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
);
`;
