import { admin } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.KHATA_TEST_TEMPLATE;
  if (template) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
}
