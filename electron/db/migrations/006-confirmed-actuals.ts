/**
 * Actuals a person confirmed or corrected in the review (the number a report gives for one of the
 * target's goals). The goal's wording is kept: when the content is edited so the goal reads differently,
 * the confirmation no longer applies. An empty actual says the report has no number for that goal.
 */
export const up = `
CREATE TABLE confirmed_actuals (
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  goal_index INTEGER NOT NULL CHECK (goal_index >= 0),
  goal_text TEXT NOT NULL,
  actual_text TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (assignment_id, quarter, goal_index)
);
`;
