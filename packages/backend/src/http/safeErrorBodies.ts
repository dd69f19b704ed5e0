import { RequestHandler } from 'express';

type ErrorBody = { name?: unknown; message?: unknown; cause?: unknown };

const isErrorLike = (value: unknown): value is ErrorBody =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as ErrorBody).name === 'string' &&
  typeof (value as ErrorBody).message === 'string';

/** An error as the caller may see it: its name and message, and those of its causes; nothing else. */
function allowed(error: ErrorBody, depth = 0): ErrorBody {
  const kept: ErrorBody = { name: error.name, message: error.message };
  const { cause } = error;
  return depth < 3 && isErrorLike(cause)
    ? { ...kept, cause: allowed(cause, depth + 1) }
    : kept;
}

type BackstageErrorBody = {
  error: ErrorBody;
  request?: { method?: unknown; url?: unknown };
  response: { statusCode: number };
};

/** Backstage's error body (`{ error: { name, message, ... }, request, response: { statusCode } }`), and nothing else. */
const isBackstageErrorBody = (body: unknown): body is BackstageErrorBody =>
  !!body &&
  typeof body === 'object' &&
  isErrorLike((body as BackstageErrorBody).error) &&
  typeof (body as BackstageErrorBody).response?.statusCode === 'number';

/**
 * Backstage error bodies reduced to an allow-list before they are sent,
 * whatever NODE_ENV says: the error's `name` and `message` (and its
 * causes'), the request's method and URL, the response's status. A stack
 * names server files; other properties of an error object (a git task's
 * command line, a database driver's query) name more. Messages stay: other
 * plugins read them (a catalog answer whose message names an unreachable
 * database becomes this plugin's 503 naming it). Other JSON bodies with an
 * `error` field (JSON-RPC, OAuth) pass as they are.
 */
export function safeErrorBodies(): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (!isBackstageErrorBody(body)) return json(body);
      const { error, request, response } = body;
      return json({
        error: allowed(error),
        ...(request && {
          request: { method: request.method, url: request.url },
        }),
        response: { statusCode: response.statusCode },
      });
    };
    next();
  };
}
