/**
 * The first schema. Shipped migrations are never edited: later changes are new numbered files.
 * Names follow DOMAIN.md. Every table that users edit is covered by the change log, written by the services.
 */
export const up = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL UNIQUE,
  city TEXT NOT NULL DEFAULT '',
  report_title TEXT NOT NULL DEFAULT '',
  report_text TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

-- The work report's parts: 主要预期目标, （一）…（七）, 民生实事, 政府自身建设.
CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  source_text TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_id, code)
);

CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  serial INTEGER NOT NULL CHECK (serial > 0),
  content TEXT NOT NULL DEFAULT '',
  deadline_text TEXT NOT NULL DEFAULT '',
  deadline_kind TEXT NOT NULL DEFAULT 'none',
  deadline_due TEXT,
  section_id INTEGER REFERENCES sections(id) ON DELETE SET NULL,
  source_text TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, serial)
);
CREATE INDEX targets_section ON targets(section_id);

CREATE TABLE leaders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

-- 市发改委 = 市发展改革委: an alias resolves to one unit wherever a name is read.
CREATE TABLE unit_aliases (
  alias TEXT PRIMARY KEY CHECK (alias <> ''),
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE
);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL
);
CREATE INDEX assignments_target ON assignments(target_id, ord);

CREATE TABLE assignment_leaders (
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  PRIMARY KEY (assignment_id, ord)
);
CREATE INDEX assignment_leaders_leader ON assignment_leaders(leader_id);

CREATE TABLE assignment_units (
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (assignment_id, ord)
);
CREATE INDEX assignment_units_unit ON assignment_units(unit_id);

CREATE TABLE progress_reports (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  text TEXT NOT NULL DEFAULT '',
  on_schedule TEXT CHECK (on_schedule IN ('yes', 'no', 'basic')),
  on_schedule_text TEXT NOT NULL DEFAULT '',
  reported_at TEXT,
  source TEXT NOT NULL DEFAULT 'manual',
  updated_at TEXT NOT NULL,
  UNIQUE (assignment_id, quarter)
);
CREATE INDEX progress_quarter ON progress_reports(quarter, on_schedule);

-- Append-only: who changed what when, with the whole before/after of the changed entity.
CREATE TABLE change_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  target_id INTEGER,
  before_json TEXT,
  after_json TEXT,
  batch_id TEXT
);
CREATE INDEX change_log_target ON change_log(target_id, id);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- Full-text search over targets' content and progress texts. The trigram tokenizer makes any Chinese
-- substring of 3+ characters match without a word segmenter. Content and each progress report are indexed
-- as their own rows (rowid = target id / progress id), written by the repos in the same transaction as
-- the row they index. Not by triggers: FTS5 flushes its pending terms at every statement savepoint, and a
-- trigger per row made a 7,000-line import spend 4x longer indexing than writing.
CREATE VIRTUAL TABLE target_search USING fts5(content, tokenize = 'trigram');
CREATE VIRTUAL TABLE progress_search USING fts5(text, tokenize = 'trigram');
`;
