import { LoggerService } from '@backstage/backend-plugin-api';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const TARGETS = ['entity', 'repository', 'image'] as const;

const manifestSchema = z
  .array(
    z
      .strictObject({
        /** The component, as the report route takes it: one of these three. */
        entity: z.string().min(1).optional(),
        repository: z.string().min(1).optional(),
        image: z.string().min(1).optional(),
        tool: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
        format: z.enum(['sarif', 'trivy', 'grype']),
        file: z.string().min(1),
      })
      .refine(
        r => TARGETS.filter(t => r[t] !== undefined).length === 1,
        'names the component by exactly one of entity, repository or image',
      ),
  )
  .max(1000);

/** One sample report as `reports.yaml` lists it. */
export type SampleReport = z.infer<typeof manifestSchema>[number];

/** Reads `reports.yaml` of the folder; a missing or invalid one stops start, naming it. */
export async function readSampleManifest(dir: string): Promise<SampleReport[]> {
  const path = join(dir, 'reports.yaml');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `integratedOps.securityFindings.sampleReports.dir: cannot read ${path} (${error})`,
    );
  }
  const parsed = manifestSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new Error(`${path} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  const root = resolve(dir);
  for (const report of parsed.data) {
    if (!resolve(root, report.file).startsWith(root + sep)) {
      throw new Error(`${path}: ${report.file} is outside ${root}`);
    }
  }
  return parsed.data;
}

/**
 * Posts each sample report to the report route as a scanner's pipeline
 * would (the route's URL, a reporter's token), retrying while the backend
 * is not listening yet or the catalog does not have the component yet
 * (404), until `deadline`. Resolves with how many were applied.
 */
export async function postSampleReports(options: {
  dir: string;
  reports: SampleReport[];
  baseUrl: string;
  token: string;
  logger: LoggerService;
  retryMs?: number;
  deadline?: number;
}): Promise<number> {
  const { dir, reports, baseUrl, token, logger } = options;
  const retryMs = options.retryMs ?? 5000;
  const deadline = options.deadline ?? Date.now() + 15 * 60_000;
  let applied = 0;
  for (const report of reports) {
    const body = await readFile(resolve(dir, report.file));
    const target = TARGETS.find(t => report[t] !== undefined)!;
    const url = `${baseUrl}/reports?${new URLSearchParams({
      [target]: report[target]!,
      tool: report.tool,
      format: report.format,
    })}`;
    for (;;) {
      const outcome = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body,
      }).then(
        async res => ({ status: res.status, text: await res.text() }),
        error => ({ status: 0, text: String(error) }),
      );
      if (outcome.status === 200) {
        const answer = JSON.parse(outcome.text);
        logger.info(
          `Sample report ${report.file} on ${answer.entityRef}: ${answer.findings} findings (${answer.opened} new, ${answer.reopened} reopened, ${answer.fixed} fixed)`,
        );
        applied += 1;
        break;
      }
      const retry = outcome.status === 0 || outcome.status === 404;
      if (!retry || Date.now() + retryMs > deadline) {
        logger.warn(
          `Sample report ${report.file} not applied: ${
            outcome.status || 'no answer'
          } ${outcome.text.slice(0, 500)}`,
        );
        break;
      }
      await new Promise(r => setTimeout(r, retryMs));
    }
  }
  return applied;
}
