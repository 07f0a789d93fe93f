/**
 * The review meeting's decision on a target (督办意见), one per target and quarter, kept with who wrote it
 * and when; older wordings stay in the change log.
 */
export const up = `
CREATE TABLE review_notes (
  target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  note TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (target_id, quarter)
);
`;
