import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { PoolClient, QueryResult } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type QueryRunner } from 'typeorm';
import { type Tenant, tenantId } from '../tenancy/tenant';

/** Named parameters of a statement: `:name` in its text (TypeORM's own syntax, turned into `$1`, `$2` ...). */
export type Params = Record<string, unknown>;

/** The statements one scope may run; all of them join the transaction in progress, if any (see `transaction`). */
export interface Statements {
  /** Every row the statement returns. */
  rows<Row>(text: string, params?: Params): Promise<Row[]>;
  /** The first row, or null. */
  one<Row>(text: string, params?: Params): Promise<Row | null>;
  /** How many rows the statement changed (or returned). */
  count(text: string, params?: Params): Promise<number>;
}

/** Sees every statement's text, with its named parameters: the SQL catalogue (`npm run sql`) records them. */
export type StatementObserver = (sql: string) => void;

/**
 * The one way the repositories reach PostgreSQL. A statement runs in the transaction in progress in this async
 * context (`transaction()`, kept by @nestjs-cls/transactional) or on its own, so no repository takes an
 * EntityManager and a request can never wait on a second pooled connection while it holds a transaction (which on
 * the one-connection embedded database would hang).
 *
 * Tenancy: `tenant(t)` runs statements about one tenant's data and refuses any whose text does not say whose rows
 * they are (`:tenantId`, from `ownedBy(t, alias)`), so an unscoped query of tenant data cannot be written by
 * accident. `system(why)` runs the few statements that are about no single tenant (signing in by phone, the event
 * sequencer, purges, sign-up), and says why in the code.
 */
@Injectable()
export class Database {
  private static observer: StatementObserver | null = null;

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Runs `work` in one transaction, or in the one in progress in this async context: every statement inside it,
   * whatever repository runs it, takes part.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(work);
  }

  /** Runs `work` under a savepoint of the transaction in progress (a transaction of its own when there is none). */
  savepoint<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(Propagation.Nested, work);
  }

  /** For the SQL catalogue only. */
  static observe(observer: StatementObserver | null): void {
    Database.observer = observer;
  }

  tenant(tenant: Tenant): Statements {
    return new Scoped(this, { tenantId: tenantId(tenant) }, (text) => {
      if (!/:tenantId\b/.test(text))
        throw new Error(`a tenant's statement must say whose rows it touches (:tenantId): ${text.slice(0, 120)}`);
    });
  }

  /** Statements about no single tenant; `why` documents the exception where it is made. */
  system(why: string): Statements {
    void why;
    return new Scoped(this, {}, () => undefined);
  }

  /** @internal */
  async run<Row>(text: string, params: Params): Promise<{ rows: Row[]; count: number }> {
    Database.observer?.(text);
    const manager = this.txHost.tx;
    const [sql, values] = manager.connection.driver.escapeQueryWithParameters(text, params);
    const runner: QueryRunner = manager.queryRunner ?? manager.connection.createQueryRunner();
    try {
      if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
      const client = (await runner.connect()) as PoolClient;
      const answer: QueryResult<Row & object> | QueryResult<Row & object>[] = await client
        .query<Row & object>({ text: sql, values, name: preparedName(text, sql) })
        .catch((error: Error) => Promise.reject(new QueryFailedError(sql, values, error)));
      const result = Array.isArray(answer) ? answer[answer.length - 1]! : answer; // several commands: the last one's
      return { rows: result.rows, count: result.rowCount ?? result.rows.length };
    } finally {
      if (!manager.queryRunner) await runner.release();
    }
  }
}

/** Statement texts that run as named prepared statements (see `prepared`). */
const PREPARED = new Set<string>();
const preparedNames = new Map<string, string>();

/**
 * Marks a statement to run as a named prepared statement: each pooled connection parses and analyses it once, and
 * PostgreSQL may keep one plan for it (`plan_cache_mode = auto`). For the hot statements whose plan cannot depend on
 * their values (rows found by primary key): unnamed, the approval's statement was planned at every call, which cost
 * PostgreSQL about as much as executing it (bench/ANALYSIS.md, "Prepared statements"). Not for a statement whose best
 * plan depends on its values (a range, a tenant's size): a generic plan chosen for it can be far slower.
 */
export function prepared(text: string): string {
  PREPARED.add(text);
  return text;
}

/** The prepared statement's name: derived from the final text, so a changed text is a new statement. */
function preparedName(text: string, sql: string): string | undefined {
  if (!PREPARED.has(text)) return undefined;
  let name = preparedNames.get(sql);
  if (name === undefined) {
    name = `k${createHash('sha1').update(sql).digest('base64url')}`;
    preparedNames.set(sql, name);
  }
  return name;
}

class Scoped implements Statements {
  constructor(
    private readonly db: Database,
    private readonly scope: Params,
    private readonly check: (text: string) => void,
  ) {}

  async rows<Row>(text: string, params: Params = {}): Promise<Row[]> {
    this.check(text);
    return (await this.db.run<Row>(text, { ...params, ...this.scope })).rows;
  }

  async one<Row>(text: string, params: Params = {}): Promise<Row | null> {
    return (await this.rows<Row>(text, params))[0] ?? null;
  }

  async count(text: string, params: Params = {}): Promise<number> {
    this.check(text);
    return (await this.db.run(text, { ...params, ...this.scope })).count;
  }
}
