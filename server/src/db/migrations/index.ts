import { InitialSchema1764400000000 } from './1764400000000-initial-schema';

/** Every migration, oldest first; each runs on SQLite and on MySQL alike. */
export const migrations = [InitialSchema1764400000000];
