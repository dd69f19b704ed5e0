import { findControlCharacter } from '@integrated-ops/plugin-integrated-ops-common';
import { DateTime } from 'luxon';
import {
  DEFAULT_PARSE_LIMITS,
  ParseLimits,
  ParseProblem,
  ReportError,
} from './types';

// A time and its zone: in `2026-10-01` the `-01` is no offset.
const ZONED = /T[\d:.,]+(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/** Thrown inside one item's normalization and caught by the parser's loop: the item is dropped. */
export class ItemRefused extends Error {
  constructor(readonly problem: ParseProblem) {
    super(problem.message);
  }
}

export function resolveLimits(limits?: Partial<ParseLimits>): ParseLimits {
  return { ...DEFAULT_PARSE_LIMITS, ...limits };
}

/**
 * The deepest nesting of arrays and objects in a JSON text, scanning the
 * characters once (strings skipped) and stopping as soon as `limit` is passed:
 * nothing recursive ever sees a deeper document.
 */
export function jsonTextDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** The same limit for a value already parsed, walked with an explicit stack (no recursion). */
export function valueDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(current)
      ? current
      : Object.values(current as Record<string, unknown>);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}

/**
 * A report's top level as a plain object, or why not: text is length- and
 * depth-checked before `JSON.parse`, a parsed value is depth-checked before
 * anything else reads it.
 */
export function readDocument(
  input: unknown,
  limits: ParseLimits,
):
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: ReportError } {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > limits.maxDocumentLength) {
      return {
        ok: false,
        error: {
          code: 'too-large',
          message: `the report is ${input.length} characters long, more than the ${limits.maxDocumentLength} accepted`,
        },
      };
    }
    if (jsonTextDepthExceeds(input, limits.maxDepth)) {
      return {
        ok: false,
        error: {
          code: 'too-deep',
          message: `the report nests arrays and objects deeper than ${limits.maxDepth} levels`,
        },
      };
    }
    try {
      value = JSON.parse(input);
    } catch (e) {
      return {
        ok: false,
        error: {
          code: 'not-json',
          message: `the report is not JSON: ${(e as Error).message}`,
        },
      };
    }
  } else if (valueDepthExceeds(input, limits.maxDepth)) {
    return {
      ok: false,
      error: {
        code: 'too-deep',
        message: `the report nests arrays and objects deeper than ${limits.maxDepth} levels`,
      },
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    let what: string = typeof value;
    if (Array.isArray(value)) what = 'an array';
    else if (value === null) what = 'null';
    return {
      ok: false,
      error: {
        code: 'not-an-object',
        message: `the report must be a JSON object, not ${what}`,
      },
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** A document-level text (a tool's name): control characters and excess length refuse the report. */
export function documentText(
  text: string,
  path: string,
  limits: ParseLimits,
): { ok: true; text: string } | { ok: false; error: ReportError } {
  const found = findControlCharacter(text);
  if (found) {
    return {
      ok: false,
      error: {
        code: 'control-character',
        path,
        message: `${path} must not contain control characters (found ${found})`,
      },
    };
  }
  if (text.length > limits.maxIdentifierLength) {
    return {
      ok: false,
      error: {
        code: 'too-long',
        path,
        message: `${path} is ${text.length} characters long, more than the ${limits.maxIdentifierLength} accepted`,
      },
    };
  }
  return { ok: true, text };
}

/**
 * Reads the text fields of one item, refusing the item (ItemRefused) where
 * its identity could not be trusted and noting what was cut or left out.
 */
export class ItemReader {
  constructor(
    readonly path: string,
    readonly limits: ParseLimits,
    readonly problems: ParseProblem[],
  ) {}

  refuse(kind: ParseProblem['kind'], message: string): never {
    throw new ItemRefused({
      path: this.path,
      kind,
      message: `${this.path}: ${message}`,
      dropped: true,
    });
  }

  /** A field the identity is built from: refused rather than changed. Empty strings count as absent. */
  identifier(value: string | undefined, field: string): string | undefined {
    if (value === undefined || value === '') return undefined;
    const found = findControlCharacter(value);
    if (found) {
      this.refuse(
        'control-character',
        `${field} must not contain control characters (found ${found})`,
      );
    }
    if (value.length > this.limits.maxIdentifierLength) {
      this.refuse(
        'too-long',
        `${field} is ${value.length} characters long, more than the ${this.limits.maxIdentifierLength} accepted`,
      );
    }
    return value;
  }

  /** One line: tabs and line breaks become spaces, other control characters refuse the item, cut at the cap. */
  title(value: string, field: string): string {
    this.noControls(value, field);
    return this.cut(
      value.replace(/\s+/g, ' ').trim(),
      field,
      this.limits.maxTitleLength,
    );
  }

  /** Multi-line text: tabs and line breaks kept, other control characters refuse the item, cut at the cap. */
  message(value: string, field: string): string {
    this.noControls(value, field);
    return this.cut(value, field, this.limits.maxMessageLength);
  }

  /** http(s) links only, each parsed; the others are left out and said so. */
  links(values: Array<string | undefined>, field: string): string[] {
    const kept: string[] = [];
    for (const value of values) {
      if (value === undefined || value === '') continue;
      if (kept.length >= this.limits.maxLinks) {
        this.note(
          'link-dropped',
          `${field}: more than ${this.limits.maxLinks} links, the rest left out`,
        );
        break;
      }
      if (
        findControlCharacter(value) ||
        value.length > this.limits.maxIdentifierLength ||
        !isHttpUrl(value)
      ) {
        this.note(
          'link-dropped',
          `${field}: a link that is not an http(s) URL was left out`,
        );
        continue;
      }
      if (!kept.includes(value)) kept.push(value);
    }
    return kept;
  }

  /**
   * An ISO 8601 instant with its zone, as UTC (`2026-10-01T08:00:00.000Z`);
   * one without a zone or unreadable is left out and said so.
   */
  instant(value: string | undefined, field: string): string | undefined {
    if (value === undefined || value === '') return undefined;
    const parsed =
      value.length <= 64 && ZONED.test(value)
        ? DateTime.fromISO(value, { setZone: true })
        : undefined;
    if (!parsed?.isValid) {
      this.note(
        'invalid-shape',
        `${field} is not an ISO 8601 instant with its zone; left out`,
      );
      return undefined;
    }
    return parsed.toUTC().toISO()!;
  }

  note(kind: ParseProblem['kind'], message: string) {
    this.problems.push({
      path: this.path,
      kind,
      message: `${this.path}: ${message}`,
      dropped: false,
    });
  }

  private noControls(value: string, field: string) {
    const found = findControlCharacter(value, { multiline: true });
    if (found) {
      this.refuse(
        'control-character',
        `${field} must not contain control characters (found ${found})`,
      );
    }
  }

  private cut(value: string, field: string, max: number): string {
    if (value.length <= max) return value;
    this.note(
      'truncated',
      `${field} was ${value.length} characters long, cut to ${max}`,
    );
    return `${value.slice(0, max - 1)}…`;
  }
}

/** True for an absolute http: or https: URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
