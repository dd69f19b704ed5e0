/**
 * Codes that mean the database could not be reached at all, as opposed to a
 * query it refused: the socket's (Node) and the server's (PostgreSQL SQLSTATE
 * class 08, and 57P01-57P03: shut down, crashed, starting up).
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** What node-postgres and knex say when a connection dies or cannot be had. */
const UNREACHABLE_MESSAGES =
  /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND)\b|Connection terminated|Knex: Timeout acquiring a connection|the database system is (shutting down|starting up)|terminating connection due to administrator command/;

type ErrorLike = {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  name?: unknown;
};

/**
 * Why the database is unreachable, when that is what this error means
 * ("connect ECONNREFUSED 127.0.0.1:5432"); undefined for any other error.
 * Follows `cause` (a ResponseError from another plugin carries the remote
 * error there) and `errors` (Node's AggregateError for several addresses).
 *
 * @public
 */
export function databaseUnreachableCause(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length && seen.size < 20) {
    const e = queue.shift() as ErrorLike | undefined;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const message = typeof e.message === 'string' ? e.message : '';
    if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) {
      return message || e.code;
    }
    if (e.name === 'KnexTimeoutError' || UNREACHABLE_MESSAGES.test(message)) {
      return message.split('\n')[0];
    }
    queue.push(e.cause, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return undefined;
}
