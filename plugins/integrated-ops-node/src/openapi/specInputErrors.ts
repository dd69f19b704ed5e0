import { InputError } from '@backstage/errors';
import type { ErrorRequestHandler, Request } from 'express';

/*
 * A backend's routes are validated by its openapi.yaml (createValidatedOpenApiRouter,
 * express-openapi-validator, which Backstage turns into an InputError worded
 * "request/body/justification must NOT have more than 2000 characters").
 * This rewords each problem the way the portal words input errors everywhere:
 * "justification: must be at most 2000 characters, got 2001", naming the
 * field and what was sent. A schema may give its own wording for a keyword
 * with the vendor extension `x-messages: { required: ..., minLength: ... }`.
 */

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  discriminator?: { propertyName: string };
  enum?: unknown[];
  'x-messages'?: Record<string, string>;
};
type Spec = { components?: { schemas?: Record<string, Schema> } };
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

/** The most problems one 400 lists. */
const MAX_PROBLEMS = 10;

const PROBLEM =
  /^request\/(body|query|params|path|headers)((?:\/[^\s]*)?) (.*)$/s;

function resolve(spec: Spec, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let hops = 0; s?.$ref && hops < 10; hops++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = spec.components?.schemas?.[name];
  }
  return s;
}

/** The oneOf branch a discriminated value takes, else the schema itself. */
function branch(spec: Spec, schema: Schema | undefined, value: unknown) {
  const s = resolve(spec, schema);
  if (!s?.oneOf || !s.discriminator) return s;
  const tag = (value as Record<string, unknown> | undefined)?.[
    s.discriminator.propertyName
  ];
  return s.oneOf
    .map(b => resolve(spec, b))
    .find(b =>
      b?.properties?.[s.discriminator!.propertyName]?.enum?.includes(tag),
    );
}

/** The schema and the value sent at a path inside the body or a parameter. */
function locate(
  spec: Spec,
  operation: Operation | undefined,
  req: Request,
  location: string,
  segments: string[],
) {
  let value: unknown;
  let schema: Schema | undefined;
  let rest = segments;
  if (location === 'body') {
    value = req.body;
    schema = operation?.requestBody?.content?.['application/json']?.schema;
  } else {
    const where = location === 'params' ? 'path' : location;
    const [name, ...more] = segments;
    value = (req as any)[location === 'path' ? 'params' : location]?.[name];
    schema = operation?.parameters?.find(
      p => p.name === name && p.in === where,
    )?.schema;
    rest = more;
  }
  for (const segment of rest) {
    const s = branch(spec, schema, value);
    schema = /^\d+$/.test(segment) ? s?.items : s?.properties?.[segment];
    value = (value as Record<string, unknown> | undefined)?.[segment];
  }
  return {
    schema: branch(spec, schema, value),
    union: resolve(spec, schema),
    value,
  };
}

function measured(value: unknown) {
  return typeof value === 'string' || Array.isArray(value)
    ? `, got ${value.length}`
    : '';
}

/** A caller's text as shown back: at most `max` characters. */
function shorten(text: string, max = 60) {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

function typeOf(value: unknown) {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** One validator problem in the portal's words, or undefined to leave it out. */
function reword(
  spec: Spec,
  operation: Operation | undefined,
  req: Request,
  problem: string,
): string | undefined {
  const unknownQuery = /^Unknown query parameter '(.*)'$/.exec(problem);
  if (unknownQuery) {
    return `${shorten(unknownQuery[1])}: unknown query parameter`;
  }
  if (/^unsupported media type/.test(problem)) {
    return '(body): a JSON body is required (Content-Type: application/json)';
  }
  const match = PROBLEM.exec(problem);
  if (!match) return shorten(problem, 200);
  const [, location, path, text] = match;
  const segments = path.split('/').filter(Boolean);
  const required = /^must have required property '(.*)'$/.exec(text);
  if (required) segments.push(required[1]);
  // Names in a path may be a caller's (a label's key): shown shortened.
  const field = shorten(segments.join('.'), 120) || '(body)';
  const { schema, union, value } = locate(
    spec,
    operation,
    req,
    location,
    segments,
  );
  const own = (keyword: string) => schema?.['x-messages']?.[keyword];
  if (required) return `${field}: ${own('required') ?? 'is required'}`;
  let m = [] as unknown as RegExpExecArray;
  /** Whether the validator's text matches; its groups in m. */
  const is = (pattern: RegExp) => {
    const found = pattern.exec(text);
    if (found) m = found;
    return found !== null;
  };
  if (is(/^must NOT have more than (\d+) (characters|items)$/)) {
    const keyword = m[2] === 'items' ? 'maxItems' : 'maxLength';
    return `${field}: ${
      own(keyword) ?? `must be at most ${m[1]} ${m[2]}${measured(value)}`
    }`;
  }
  if (is(/^must NOT have fewer than (\d+) (characters|items)$/)) {
    const keyword = m[2] === 'items' ? 'minItems' : 'minLength';
    return `${field}: ${
      own(keyword) ?? `must be at least ${m[1]} ${m[2]}${measured(value)}`
    }`;
  }
  if (is(/^must be (<=|>=) (\S+)$/)) {
    const bound = m[1] === '<=' ? 'at most' : 'at least';
    return `${field}: must be ${bound} ${m[2]}, got ${shorten(String(value))}`;
  }
  if (/^must be equal to one of the allowed values/.test(text)) {
    const allowed = (schema?.enum ?? []).map(v => JSON.stringify(v));
    return `${field}: ${own('enum') ?? `must be one of ${allowed.join(', ')}`}`;
  }
  if (text === 'must NOT have additional properties') {
    const known = Object.keys(schema?.properties ?? {});
    const extra = Object.keys((value as object) ?? {}).filter(
      k => !known.includes(k),
    );
    return `${field}: unknown field${extra.length > 1 ? 's' : ''} ${extra
      .slice(0, 10)
      .map(k => JSON.stringify(k.slice(0, 60)))
      .join(', ')}`;
  }
  if (is(/^must match format "(.*)"$/)) {
    return `${field}: ${own('format') ?? `must be a ${m[1]}`}`;
  }
  if (is(/^must be (string|number|integer|boolean|object|array)$/)) {
    const expected = /^[aeiou]/.test(m[1]) ? `an ${m[1]}` : `a ${m[1]}`;
    return `${field}: must be ${expected}, got ${typeOf(value)}`;
  }
  if (is(/^(?:value of )?tag "(.*)" must be (in oneOf|string)$/)) {
    const tags = (union?.oneOf ?? []).flatMap(
      b => resolve(spec, b)?.properties?.[m[1]]?.enum ?? [],
    );
    const tagField = [...segments, m[1]].join('.');
    return value === undefined || (value as any)[m[1]] === undefined
      ? `${tagField}: is required`
      : `${tagField}: must be one of ${tags
          .map(t => JSON.stringify(t))
          .join(', ')}`;
  }
  if (/^must match (exactly one|a) schema/.test(text)) return undefined;
  return `${field}: ${own('pattern') ?? text}`;
}

/**
 * Error middleware for a router made by a generated `createOpenApiRouter`:
 * register it first, so a request the spec refuses is a 400 naming each bad
 * field in the portal's words. Other errors pass through untouched.
 *
 * @public
 */
export function specInputErrors(spec: object): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const message: unknown = error?.message;
    const fromSpec =
      error instanceof InputError &&
      typeof message === 'string' &&
      (message.startsWith('request/') ||
        /^(Unknown query parameter|unsupported media type)/.test(message));
    if (!fromSpec) {
      next(error);
      return;
    }
    const operation = (req as { openapi?: { schema?: Operation } }).openapi
      ?.schema;
    const problems = [
      ...new Set(
        message
          .split(/, (?=request\/)/)
          .map(p => reword(spec as Spec, operation, req, p))
          .filter((p): p is string => p !== undefined),
      ),
    ];
    // A body can break the spec a thousand times (every query of a batch):
    // the answer names the first few and counts the rest.
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) {
      shown.push(`and ${problems.length - MAX_PROBLEMS} more problems`);
    }
    next(new InputError(shown.join('; ') || message.slice(0, 2000)));
  };
}

/**
 * The validator options the portal's routers use: the spec judges requests;
 * authentication stays with Backstage's httpAuth (the spec's bearerAuth only
 * documents it); a ChangeIntent-style oneOf is judged by its discriminator.
 *
 * @public
 */
export const SPEC_VALIDATOR_OPTIONS = {
  validateSecurity: false,
  // Dates as the calendar has them (fast mode passes month 19, hour 29).
  ajvFormats: { mode: 'full' },
  validateRequests: {
    // Every problem at once, as the portal's errors always listed them; the
    // bodies are small (64 kB at most) and the schemas ours.
    allErrors: true,
    coerceTypes: false,
    allowUnknownQueryParameters: false,
    discriminator: true,
  },
} as const;
