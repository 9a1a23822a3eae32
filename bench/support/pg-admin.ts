/** Runs one administrative statement (CREATE/DROP SCHEMA) on the PostgreSQL server of `url`, on its own connection. */
export async function pgAdmin(url: string, statement: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
