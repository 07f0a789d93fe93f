/**
 * The year-end assessment (考核): the office's rule table per year, and the items it types in per unit
 * (a leaders' evaluation). Scores are never stored: they are recomputed from events and these rules.
 */
export const up = `
CREATE TABLE assessment_rules (
  plan_id INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  rules_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE TABLE assessment_entries (
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  item TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  value REAL NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (plan_id, item, unit_id)
);
`;
