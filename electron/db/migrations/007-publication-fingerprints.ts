/**
 * A publication remembers what it published: a fingerprint of the quarter's table (one hash per target)
 * taken at publication, so an export can tell whether the table still matches it. An unlock no longer
 * forgets the publication: the row stays, marked unlocked with the reason, and only locked rows lock.
 * Locks made by older versions have no fingerprint; the service works it out from the change log.
 */
export const up = `
ALTER TABLE quarter_locks ADD COLUMN table_key TEXT;
ALTER TABLE quarter_locks ADD COLUMN unlocked_at TEXT;
ALTER TABLE quarter_locks ADD COLUMN unlock_reason TEXT;
`;
