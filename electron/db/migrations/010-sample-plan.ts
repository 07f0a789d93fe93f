/**
 * Marks the sample data set's year (示例数据), so that it is shown as such and can be removed in one step.
 * A store that loaded the sample before this migration has its year marked when every import into that
 * year came from the sample's own workbook: a year the user has imported into is theirs. A store already
 * holding data has been used: its welcome counts as seen.
 */
export const up = `
ALTER TABLE plans ADD COLUMN sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1));
UPDATE plans SET sample = 1
WHERE EXISTS (SELECT 1 FROM import_batches b WHERE b.year = plans.year AND b.files_json = '["2023-三季度-一览表.xlsx"]')
  AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.year = plans.year AND b.files_json <> '["2023-三季度-一览表.xlsx"]');
INSERT OR IGNORE INTO settings(key, value) SELECT 'welcomeSeen', 'true' WHERE EXISTS (SELECT 1 FROM plans);
`;
