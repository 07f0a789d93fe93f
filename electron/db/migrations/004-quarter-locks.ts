/**
 * Published quarters (已发布): once a quarter's overview is published its progress is locked. Unlocking
 * deletes the row; both are recorded in the change log with who, when and (for an unlock) why.
 */
export const up = `
CREATE TABLE quarter_locks (
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  published_on TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (plan_id, quarter)
);
`;
