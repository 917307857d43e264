import { withAdminClient } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.TONEWATCH_TEMPLATE_DB;
  if (!template) return;
  await withAdminClient((client) =>
    client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`),
  );
}
