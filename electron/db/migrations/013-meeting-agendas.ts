/**
 * The review meeting's agenda (会议议程) per year and quarter, as the clerk chose it: agenda_json is a
 * MeetingAgenda (shared/contract.ts). No row means the default agenda (the items behind or flagged).
 */
export const up = `
CREATE TABLE meeting_agendas (
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  agenda_json TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (plan_id, quarter)
);
`;
