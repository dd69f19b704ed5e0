import { LoggerService } from '@backstage/backend-plugin-api';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

const alert = z.strictObject({
  fingerprint: z.string().regex(/^sample-[a-z0-9-]{1,60}$/),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).optional(),
});

const step = z.union([
  z.strictObject({ at: z.number().min(0).max(3600), fire: alert }),
  z.strictObject({
    at: z.number().min(0).max(3600),
    resolve: z.string().min(1),
  }),
  z.strictObject({
    at: z.number().min(0).max(3600),
    acknowledge: z.string().min(1),
  }),
]);

const scenarioSchema = z.array(step).max(200);

/** One step of the sample scenario. */
export type SampleStep = z.infer<typeof step>;

/** The fingerprint a resolve or acknowledge step names. */
function stepNames(s: SampleStep): string | undefined {
  if ('resolve' in s) return s.resolve;
  if ('acknowledge' in s) return s.acknowledge;
  return undefined;
}

/** Reads the scenario; a missing or invalid file stops start, naming it. */
export async function readSampleScenario(file: string): Promise<SampleStep[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `integratedOps.alerts.sampleAlerts.file: cannot read ${file} (${error})`,
    );
  }
  const parsed = scenarioSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new Error(`${file} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  const fired = new Set<string>();
  for (const s of [...parsed.data].sort((a, b) => a.at - b.at)) {
    if ('fire' in s) fired.add(s.fire.fingerprint);
    const named = stepNames(s);
    if (named && !fired.has(named)) {
      throw new Error(
        `${file}: step at ${s.at} s names ${named}, which has not fired by then`,
      );
    }
  }
  return parsed.data;
}

export interface PlaySampleAlertsOptions {
  steps: SampleStep[];
  /** POSTs one Alertmanager webhook to the alert route; the incident ids it answers by fingerprint. */
  post(body: object): Promise<Record<string, string>>;
  /** Acknowledges an incident as whoever is on call for its team now; who, or why not. */
  acknowledge(incidentId: string): Promise<string>;
  logger: LoggerService;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Plays the scenario in time order, `at` seconds after it starts; a step
 * that fails is logged and the rest go on. Resolves with the steps done.
 */
export async function playSampleAlerts(
  options: PlaySampleAlertsOptions,
): Promise<number> {
  const { logger } = options;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise(r => setTimeout(r, ms)));
  const start = Date.now();
  const fired = new Map<string, SampleStep & { fire: object }>();
  const incidents = new Map<string, string>();
  let done = 0;
  for (const s of [...options.steps].sort((a, b) => a.at - b.at)) {
    const wait = start + s.at * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      if ('fire' in s || 'resolve' in s) {
        const status = 'fire' in s ? 'firing' : 'resolved';
        const sent = 'fire' in s ? s : fired.get(s.resolve)!;
        if ('fire' in s) fired.set(s.fire.fingerprint, s);
        const ids = await options.post({
          version: '4',
          status,
          receiver: 'integrated-ops',
          externalURL: 'http://alertmanager.sample:9093',
          alerts: [{ ...sent.fire, status }],
        });
        for (const [fp, id] of Object.entries(ids)) incidents.set(fp, id);
      } else {
        const id = incidents.get(s.acknowledge);
        if (!id)
          throw new Error(`no incident was recorded for ${s.acknowledge}`);
        logger.info(
          `Sample alert ${s.acknowledge}: ${await options.acknowledge(id)}`,
        );
      }
      done += 1;
    } catch (error) {
      logger.warn(`Sample alert step at ${s.at} s failed: ${error}`);
    }
  }
  return done;
}
