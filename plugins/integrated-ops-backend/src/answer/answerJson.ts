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

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * JSON.stringify's text for `value`, made of the kept texts of the parts in
 * it. Exactly JSON.stringify's output: the same keys in the same order,
 * undefined and functions left out of objects and null in arrays; anything
 * other than plain objects and arrays (dates, toJSON) is stringified as is.
 */
function stitch(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return JSON.stringify(value);
  }
  if (parts.has(value)) {
    let text = texts.get(value);
    if (text === undefined) {
      text = walk(value, 0);
      texts.set(value, text);
    }
    return text;
  }
  if (depth >= MAX_WALK_DEPTH) return JSON.stringify(value);
  return walk(value, depth);
}

function walk(value: object, depth: number): string {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i) out += ',';
      out += stitch(value[i], depth + 1) ?? 'null';
    }
    return `${out}]`;
  }
  if (!isPlain(value)) return JSON.stringify(value);
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const text = stitch((value as Record<string, unknown>)[key], depth + 1);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** JSON.stringify(value), reusing the kept text of every shared part in it. */
export function toJson(value: unknown): string {
  return stitch(value, 0) as string;
}

/**
 * res.json(body), serialized with toJson. When the app shapes its JSON
 * (`json spaces`, as the development backend does, `json replacer` or
 * `json escape`), res.json itself.
 */
export function sendJson(req: Request, res: Response, body: unknown): void {
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
