/**
 * `npm run migration:generate -w api -- <Name>`: migrates DATABASE_URL to head, then writes a migration with
 * whatever the entities add. Review and edit it before committing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { pendingSchemaChanges } from './schema-diff';

async function main() {
  const name = process.argv[2];
  const databaseUrl = process.env.DATABASE_URL;
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name) || !databaseUrl) {
    console.error('usage: DATABASE_URL=postgres://... migration:generate <PascalCaseName>');
    process.exit(2);
  }
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl,
      databasePoolSize: 2,
      databaseTimeouts: { connect: 5000, statement: 60000, idleInTransaction: 60000 },
    }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const { up, down } = await pendingSchemaChanges(dataSource);
  await dataSource.destroy();
  if (up.length === 0) {
    console.log('The entities match the migrations: nothing to generate.');
    return;
  }
  const timestamp = Date.now();
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  const file = join(__dirname, '..', '..', 'src', 'database', 'migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`,
  );
  console.log(`wrote ${file}; add it to migrations/index.ts`);
}

void main();
