/**
 * The work report as the start of the year's cycle (issue 15). The report's text stays in plans.report_text;
 * a target's link to its clause is its source_text (the clause as published), so that links travel with
 * the target's snapshots in the change log and are undone and reverted like any other field.
 */
export const up = `
-- When and from which file the plan's report was imported.
CREATE TABLE work_reports (
  plan_id INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT ''
);

-- The report's commitments as segmented on import (indicators, livelihood projects, sentences), by offsets
-- into plans.report_text.
CREATE TABLE report_spans (
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('indicator', 'project', 'sentence')),
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
  code TEXT NOT NULL,
  section_name TEXT NOT NULL,
  item_label TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, key)
);

-- Candidate targets proposed from the spans and worked by the office: edited, merged, split, rejected, or
-- accepted (then target_id names the target made of it, or the carried-over target it was matched to).
CREATE TABLE report_candidates (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  code TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'merged')),
  target_id INTEGER REFERENCES targets(id) ON DELETE SET NULL,
  carried_target_id INTEGER REFERENCES targets(id) ON DELETE SET NULL
);
CREATE INDEX report_candidates_plan ON report_candidates(plan_id, start_offset);

-- Keyword → lead unit (and leader), maintained by the user: 财政 → 市财政局.
CREATE TABLE unit_keywords (
  keyword TEXT PRIMARY KEY CHECK (keyword <> ''),
  unit TEXT NOT NULL CHECK (unit <> ''),
  leader TEXT NOT NULL DEFAULT ''
);

-- A target copied into next year's plan at year end, with the target it continues.
CREATE TABLE target_carry_over (
  target_id INTEGER PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
  from_target_id INTEGER NOT NULL REFERENCES targets(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT ''
);
`;
