/**
 * Returns from units beside the official progress. A cooperating unit's return (配合单位报送) is kept per
 * line, quarter and unit, never written over the lead unit's text. The progress each import brought for a
 * line is kept too: the base an older file is compared with, so that it cannot silently undo a newer edit.
 * Both are append-only and tied to their import batch: the current row is the newest one whose batch is
 * not undone, so undoing an import takes its rows back without deleting anything.
 */
export const up = `
CREATE TABLE cooperating_returns (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  unit TEXT NOT NULL,
  text TEXT NOT NULL,
  on_schedule_text TEXT NOT NULL,
  file TEXT NOT NULL,
  returned_at TEXT NOT NULL,
  batch_id TEXT NOT NULL
);
CREATE INDEX cooperating_returns_line ON cooperating_returns(assignment_id, quarter);
CREATE TABLE imported_progress (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  text TEXT NOT NULL,
  on_schedule_text TEXT NOT NULL,
  batch_id TEXT NOT NULL
);
CREATE INDEX imported_progress_line ON imported_progress(assignment_id, quarter);
`;
