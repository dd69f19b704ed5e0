import { RequestHandler } from 'express';

type ErrorLike = { stack?: unknown; cause?: unknown };

function withoutStacks(error: ErrorLike | undefined): ErrorLike | undefined {
  if (!error || typeof error !== 'object') return error;
  const { stack: _stack, cause, ...rest } = error;
  return cause === undefined
    ? rest
    : { ...rest, cause: withoutStacks(cause as ErrorLike) };
}

/**
 * Drops stack traces (and those of nested causes) from Backstage error
 * bodies (`{ error, request, response }`) before they are sent, whatever
 * NODE_ENV says: a stack names server files and code paths.
 */
export function hideStackTraces(): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (body && typeof body === 'object' && 'error' in body) {
        const { error } = body as { error: ErrorLike };
        return json({ ...body, error: withoutStacks(error) });
      }
      return json(body);
    };
    next();
  };
}
