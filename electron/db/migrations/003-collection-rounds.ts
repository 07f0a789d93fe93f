/**
 * The quarterly collection round (季度调度): when templates went out and by when they are due, and which
 * owners (units, or leaders for templates by leader) have returned their file. A return made by an import
 * counts only while its batch is not undone; a manual one (a file that came on paper) has no batch.
 */
export const up = `
CREATE TABLE collection_rounds (
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  by_kind TEXT NOT NULL CHECK (by_kind IN ('unit', 'leader')),
  opened_at TEXT NOT NULL,
  due_date TEXT,
  PRIMARY KEY (plan_id, quarter)
);
CREATE TABLE round_returns (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  owner TEXT NOT NULL,
  batch_id TEXT REFERENCES import_batches(id),
  file TEXT NOT NULL,
  returned_at TEXT NOT NULL,
  warnings INTEGER NOT NULL DEFAULT 0,
  actor TEXT NOT NULL
);
CREATE INDEX round_returns_owner ON round_returns(plan_id, quarter, owner);
`;
