/** Import history: one row per applied import, so that it can be listed and undone as a unit. */
export const up = `
CREATE TABLE import_batches (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  year INTEGER NOT NULL,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  files_json TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  notes_json TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX change_log_batch ON change_log(batch_id);
`;
