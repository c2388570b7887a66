import { DataSource } from 'typeorm';

/**
 * What `migration:generate` would write: the SQL that would bring the database to the entities.
 * Empty when the committed migrations and the entities agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query) };
}
