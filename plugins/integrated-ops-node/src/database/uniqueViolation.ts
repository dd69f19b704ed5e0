/**
 * Whether a database error is a unique or primary key violation: PostgreSQL's
 * 23505, SQLite's UNIQUE constraint. Stores use it to turn "someone else
 * wrote this row at the same moment" into an answer rather than a 500.
 *
 * @public
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(String(e?.message ?? ''))
  );
}
