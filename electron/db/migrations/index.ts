import { up as initial } from './001-initial';

/** Numbered migrations in order; migration N brings the store to `PRAGMA user_version = N`. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
];
