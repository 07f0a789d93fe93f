/**
 * The 督办通知 sent to units with lagging targets: which targets, when issued, by when the unit must reply,
 * and when it did. target_ids is a JSON array of target ids; issued_at an ISO date-time; dates YYYY-MM-DD.
 */
export const up = `
CREATE TABLE supervision_notices (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  target_ids TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  reply_due TEXT NOT NULL,
  replied_at TEXT
);
CREATE INDEX supervision_notices_plan ON supervision_notices(plan_id, quarter);
`;
