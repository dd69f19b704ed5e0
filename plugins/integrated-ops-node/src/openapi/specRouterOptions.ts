import { InputError } from '@backstage/errors';
import { findControlCharacter } from '@integrated-ops/plugin-integrated-ops-common';
import bytes from 'bytes';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import typeis from 'type-is';
import { readStreamedJson } from './streamedJsonBody';
import { SPEC_VALIDATOR_OPTIONS, specInputErrors } from './specInputErrors';

/** What the JSON body parser refused (too large, not JSON), kept past the validator. */
const BODY_ERROR = Symbol('body error');

/**
 * The JSON body parser, whose refusal (413 over the limit, 400 not JSON)
 * is kept aside rather than passed on: Backstage's validated router turns
 * every error of its middleware into a 400, and the caller of a body over
 * the limit must hear 413. {@link afterSpecValidation} passes it on.
 */
function jsonBody(limit: string, streamed: boolean): RequestHandler {
  const parse = streamed
    ? streamedJson(limitInBytes(limit))
    : express.json({ limit });
  return (req, res, next) =>
    parse(req, res, error => {
      if (error) {
        (req as any)[BODY_ERROR] = error;
        req.body = {};
      }
      next();
    });
}

/** `100kb` in bytes; a limit that does not parse is a mistake of ours, not no limit. */
function limitInBytes(limit: string): number {
  const parsed = bytes.parse(limit);
  if (parsed === null || !Number.isFinite(parsed)) {
    throw new Error(`jsonLimit "${limit}" is not a size`);
  }
  return parsed;
}

/** `readStreamedJson` as a body parser: JSON requests only, once. */
function streamedJson(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    if ((req as any)._body || !typeis(req, 'application/json')) {
      next();
      return;
    }
    (req as any)._body = true;
    readStreamedJson(req, limitBytes)
      .then(body => {
        req.body = body;
      })
      .then(() => next(), next);
  };
}

/** Set on a HEAD request while the spec judges it as the GET it stands for. */
const WAS_HEAD = Symbol('was HEAD');

/**
 * Express answers HEAD with the GET handler, but the validator looks for a
 * `head` operation, finds none and judges nothing: a HEAD is judged as its
 * GET (Node decided when the response was made that it has no body).
 */
const judgeHeadAsGet: RequestHandler = (req, _res, next) => {
  if (req.method === 'HEAD') {
    (req as any)[WAS_HEAD] = true;
    req.method = 'GET';
  }
  next();
};

const restoreHead = (req: express.Request) => {
  if ((req as any)[WAS_HEAD]) req.method = 'HEAD';
};

/**
 * No query parameter of ours carries control characters (they are names,
 * refs, addresses, ports and instants): refused naming the first, before
 * they reach a lookup, an error message or a log.
 */
const plainQueries: RequestHandler = (req, _res, next) => {
  for (const [name, value] of Object.entries(req.query)) {
    for (const text of [value].flat()) {
      const found =
        typeof text === 'string' ? findControlCharacter(text) : undefined;
      if (found) {
        next(
          new InputError(
            `${name.slice(
              0,
              60,
            )}: must not contain control characters (found ${found})`,
          ),
        );
        return;
      }
    }
  }
  next();
};

/**
 * A POST without a body (no Content-Type, nothing sent) is read as `{}`, as
 * the routes always did: an optional body may be left out, a required one is
 * refused naming its required fields.
 */
const emptyBodyAsJson: RequestHandler = (req, _res, next) => {
  const sent =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (!sent && !req.headers['content-type'] && req.method !== 'GET') {
    req.headers['content-type'] = 'application/json';
    req.headers['content-length'] = '0';
  }
  next();
};

/**
 * The options for a generated `createOpenApiRouter` the portal's routers
 * use: HEAD judged as GET, query parameters free of control characters, a
 * missing body read as `{}`, JSON bodies up to
 * `jsonLimit`, and the validator options of {@link SPEC_VALIDATOR_OPTIONS}.
 *
 * @public
 */
export function specRouterOptions(options: {
  jsonLimit: string;
  /**
   * Read JSON bodies as they arrive (readStreamedJson) rather than whole
   * first: for routes that take large documents (scanner reports).
   */
  streamedJson?: boolean;
}) {
  return {
    middleware: [
      judgeHeadAsGet,
      plainQueries,
      emptyBodyAsJson,
      jsonBody(options.jsonLimit, options.streamedJson ?? false),
    ],
    validatorOptions: SPEC_VALIDATOR_OPTIONS,
  };
}

/**
 * What a router made with {@link specRouterOptions} registers first: the
 * spec's 400s in the portal's words, and a HEAD request's method restored.
 *
 * @public
 */
export function afterSpecValidation(
  spec: object,
): [ErrorRequestHandler, RequestHandler] {
  const words = specInputErrors(spec);
  return [
    (error, req, res, next) => {
      restoreHead(req);
      // The body's refusal comes first: the spec judged an empty stand-in.
      const refused = (req as any)[BODY_ERROR];
      if (refused) next(refused);
      else words(error, req, res, next);
    },
    (req, _res, next) => {
      restoreHead(req);
      next((req as any)[BODY_ERROR]);
    },
  ];
}
