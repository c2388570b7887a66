import { Initial1795778358422 } from './1795778358422-Initial';

/** Every migration, in order (no file globs). */
export const MIGRATIONS: Function[] = [Initial1795778358422];
