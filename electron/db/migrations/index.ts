import { up as initial } from './001-initial';
import { up as importBatches } from './002-import-batches';
import { up as collectionRounds } from './003-collection-rounds';
import { up as quarterLocks } from './004-quarter-locks';
import { up as reviewNotes } from './005-review-notes';
import { up as confirmedActuals } from './006-confirmed-actuals';
import { up as publicationFingerprints } from './007-publication-fingerprints';
import { up as workReport } from './008-work-report';
import { up as returns } from './009-returns';
import { up as samplePlan } from './010-sample-plan';
import { up as supervisionNotices } from './011-supervision-notices';
import { up as assessmentRules } from './012-assessment-rules';
import { up as meetingAgendas } from './013-meeting-agendas';
import { up as searchIndexStale } from './014-search-index-stale';

/** Numbered migrations in order; migration N brings the store to `PRAGMA user_version = N`. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'import-batches', sql: importBatches },
  { version: 3, name: 'collection-rounds', sql: collectionRounds },
  { version: 4, name: 'quarter-locks', sql: quarterLocks },
  { version: 5, name: 'review-notes', sql: reviewNotes },
  { version: 6, name: 'confirmed-actuals', sql: confirmedActuals },
  { version: 7, name: 'publication-fingerprints', sql: publicationFingerprints },
  { version: 8, name: 'work-report', sql: workReport },
  { version: 9, name: 'returns', sql: returns },
  { version: 10, name: 'sample-plan', sql: samplePlan },
  { version: 11, name: 'supervision-notices', sql: supervisionNotices },
  { version: 12, name: 'assessment-rules', sql: assessmentRules },
  { version: 13, name: 'meeting-agendas', sql: meetingAgendas },
  { version: 14, name: 'search-index-stale', sql: searchIndexStale },
];
