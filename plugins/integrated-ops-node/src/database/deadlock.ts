/**
 * Whether a database error is PostgreSQL's deadlock (40P01): the
 * transaction was rolled back and may simply be run again.
 *
 * @public
 */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '40P01';
}
