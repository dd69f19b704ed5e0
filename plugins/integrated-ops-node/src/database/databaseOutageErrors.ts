import { ServiceUnavailableError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';
import { databaseUnreachableCause } from './databaseUnreachable';

/**
 * Express error middleware for the end of a plugin router: an error that
 * means the database is unreachable becomes a 503 naming the cause, so a
 * change fails fast and says why instead of an opaque 500. Every other error
 * passes through unchanged.
 *
 * @public
 */
export function databaseOutageErrors(what: string): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const cause = databaseUnreachableCause(error);
    next(
      cause
        ? new ServiceUnavailableError(
            `The portal's database is unreachable (${cause}): ${what} until it is back. Lookups keep answering from the last index.`,
          )
        : error,
    );
  };
}
