/** The database the application runs on, as main (or a test) resolved it. */
export interface DatabaseTarget {
  url: string;
  /** The embedded PGlite server: one shared backend. */
  embedded: boolean;
  /** false: build the application without touching the database (the OpenAPI writer). */
  connect?: boolean;
}

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');
