import { RequestHandler } from 'express';

type ErrorBody = { name?: unknown; message?: unknown; cause?: unknown };

/** An error as the caller may see it: its name and message, and those of its causes; nothing else. */
function allowed(error: unknown, depth = 0): ErrorBody | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { name, message, cause } = error as ErrorBody;
  const kept: ErrorBody = {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : '',
  };
  const nested = depth < 3 ? allowed(cause, depth + 1) : undefined;
  return nested ? { ...kept, cause: nested } : kept;
}

/**
 * Error bodies (`{ error, request, response }`) reduced to an allow-list
 * before they are sent, whatever NODE_ENV says: the error's `name` and
 * `message` (and its causes'), the request's method and URL, the response's
 * status. A stack names server files; other properties of an error object
 * (a git task's command line, a database driver's query) name more.
 */
export function safeErrorBodies(): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (body && typeof body === 'object' && 'error' in body) {
        const { error, request, response } = body as {
          error: unknown;
          request?: { method?: unknown; url?: unknown };
          response?: { statusCode?: unknown };
        };
        return json({
          error: allowed(error),
          ...(request && {
            request: { method: request.method, url: request.url },
          }),
          ...(response && {
            response: { statusCode: response.statusCode },
          }),
        });
      }
      return json(body);
    };
    next();
  };
}
