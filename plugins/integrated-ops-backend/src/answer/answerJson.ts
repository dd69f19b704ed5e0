import type { Request, Response } from 'express';

/** Values shared between answers (see answerParts), serialized once each. */
const parts = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/** Below this depth a value that is no part is left to JSON.stringify whole. */
const MAX_WALK_DEPTH = 8;

/** Marks a shared, never modified value whose JSON text may be kept. */
export function markJsonPart(value: unknown): void {
  if (typeof value === 'object' && value !== null) parts.add(value);
}

/** Whether `value` is a shared part (never modified, serialized once). */
export function isJsonPart(value: unknown): boolean {
  return typeof value === 'object' && value !== null && parts.has(value);
}

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Appends JSON.stringify's text for `value` to `out`, with the kept texts
 * of the parts in it; false where JSON.stringify gives undefined (left out
 * of objects, null in arrays). Exactly JSON.stringify's output: the same keys
 * in the same order; anything other than plain objects and arrays (dates,
 * toJSON) is stringified as is. Pieces are joined once at the end: a string
 * grown by `+=` is a tree that costs more to flatten, when it is written,
 * than JSON.stringify did.
 */
function stitch(value: unknown, depth: number, out: string[]): boolean {
  if (typeof value !== 'object' || value === null) {
    const text = JSON.stringify(value);
    if (text === undefined) return false;
    out.push(text);
    return true;
  }
  if (parts.has(value)) {
    let text = texts.get(value);
    if (text === undefined) {
      const own: string[] = [];
      walk(value, 0, own);
      text = own.join('');
      texts.set(value, text);
    }
    out.push(text);
    return true;
  }
  if (depth >= MAX_WALK_DEPTH) {
    out.push(JSON.stringify(value));
    return true;
  }
  walk(value, depth, out);
  return true;
}

function walk(value: object, depth: number, out: string[]): void {
  if (
    typeof (value as { toJSON?: unknown }).toJSON === 'function' ||
    (!Array.isArray(value) && !isPlain(value))
  ) {
    out.push(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i) out.push(',');
      if (!stitch(value[i], depth + 1, out)) out.push('null');
    }
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // What JSON.stringify leaves out of an object.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
      continue;
    }
    out.push(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    stitch(v, depth + 1, out);
  }
  out.push('}');
}

/** JSON.stringify(value), reusing the kept text of every shared part in it. */
export function toJson(value: unknown): string {
  const out: string[] = [];
  return stitch(value, 0, out) ? out.join('') : (undefined as never);
}

/**
 * res.json(body), serialized with toJson. When the app shapes its JSON
 * (`json spaces`, as the development backend does, `json replacer` or
 * `json escape`), res.json itself.
 */
export function sendJson(
  req: Pick<Request, 'app'>,
  res: Response,
  body: unknown,
): void {
  const app = req.app;
  if (
    !app ||
    app.get('json spaces') !== undefined ||
    app.get('json replacer') !== undefined ||
    app.get('json escape')
  ) {
    res.json(body);
    return;
  }
  if (!res.get('Content-Type')) res.set('Content-Type', 'application/json');
  res.send(toJson(body));
}
