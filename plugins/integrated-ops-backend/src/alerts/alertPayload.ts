import { InputError } from '@backstage/errors';
import {
  parseInput,
  replaceControlCharacters,
} from '@integrated-ops/plugin-integrated-ops-common';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The most alerts one request may carry (Alertmanager's `max_alerts` should be at most this). */
export const MAX_ALERTS = 1000;
const MAX_LABELS = 64;
const MAX_VALUE = 1024;

/** One alert as received, before routing. */
export interface IncomingAlert {
  /** Position in the payload, so results line up with what was sent. */
  position: number;
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Why this alert cannot be routed as sent (bad labels), if it cannot. */
  invalid?: string;
}

const anyAlert = z
  .object({
    status: z.enum(['firing', 'resolved']).optional(),
    labels: z.unknown(),
    annotations: z.unknown().optional(),
    fingerprint: z.string().max(200).optional(),
  })
  .loose();

/** Alertmanager's webhook payload, version 4 (only the fields the router reads are checked). */
const alertmanagerV4 = z
  .object({
    version: z.literal('4', {
      error: issue =>
        `is ${JSON.stringify(
          issue.input,
        )}: this endpoint speaks Alertmanager's webhook version "4"`,
    }),
    status: z.enum(['firing', 'resolved']).optional(),
    alerts: z
      .array(anyAlert, { error: 'is required: the list of alerts' })
      .max(
        MAX_ALERTS,
        `holds more than ${MAX_ALERTS} alerts: set max_alerts: ${MAX_ALERTS} in the Alertmanager receiver`,
      ),
  })
  .loose();

/** The generic form: one alert as `{ labels, annotations }`. */
const generic = anyAlert;

function stringMap(
  value: unknown,
  what: string,
): Record<string, string> | string {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${what} must be an object of strings`;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_LABELS) {
    return `${what} has ${entries.length} entries, at most ${MAX_LABELS}`;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v !== 'string')
      return `${what}.${k.slice(0, 64)} must be a string`;
    if (v.length > MAX_VALUE) {
      return `${what}.${k.slice(0, 64)} is longer than ${MAX_VALUE} characters`;
    }
    // Machine text reaches notifications, vendors and the log: kept, with
    // control characters as spaces (lines only in annotations).
    const multiline = what === 'annotations';
    out[replaceControlCharacters(k)] = replaceControlCharacters(v, {
      multiline,
    });
  }
  return out;
}

/** Alertmanager's fingerprint is a hash of the labels; the same for alerts that bring none. */
function fingerprintOf(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map(k => [k, labels[k]]);
  return createHash('sha256')
    .update(JSON.stringify(sorted))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The alerts in a webhook body: Alertmanager version 4 (has `version`) or
 * one generic alert. A body of the wrong shape is a 400 naming the problem,
 * before anything is delivered; an alert with unusable labels comes back
 * marked `invalid`, to be reported unroutable.
 */
export function readAlerts(body: unknown): IncomingAlert[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'The body must be an Alertmanager webhook payload (version 4) or one alert as { labels, annotations }',
    );
  }
  const raw =
    'version' in body
      ? (() => {
          const payload = parseInput(alertmanagerV4, body);
          return payload.alerts.map(a => ({
            ...a,
            status: a.status ?? payload.status,
          }));
        })()
      : [parseInput(generic, body)];
  return raw.map((alert, position) => {
    const labels = stringMap(alert.labels, 'labels');
    const annotations = stringMap(alert.annotations, 'annotations');
    const invalid = [labels, annotations].find(
      (v): v is string => typeof v === 'string',
    );
    const goodLabels = typeof labels === 'string' ? {} : labels;
    return {
      position,
      fingerprint: alert.fingerprint || fingerprintOf(goodLabels),
      status: alert.status ?? 'firing',
      labels: goodLabels,
      annotations: typeof annotations === 'string' ? {} : annotations,
      invalid,
    };
  });
}
