import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NormalizedFinding } from '@integrated-ops/plugin-security-findings-common';
import {
  FindingsSource,
  PulledReport,
} from '@integrated-ops/plugin-security-findings-node';
import { z } from 'zod';
import { codeScanningAlert, dependabotAlert } from './githubAlerts';
import { codeScanningFinding, dependabotFinding } from './toFindings';

/** The annotation naming a component's repository, `owner/repo`. */
export const PROJECT_SLUG = 'github.com/project-slug';
const SLUG = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;

/** Alerts per page (GitHub's maximum) and pages per tool and repository. */
const PER_PAGE = 100;
const MAX_PAGES = 50;

/** A tool GitHub does not answer for this repository (not enabled, no access): not a full report. */
class NotAvailable extends Error {}

/** The URL of the next page from a Link header (RFC 8288), as GitHub paginates. */
export function nextPage(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part.trim());
    if (match && match[2].split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

/**
 * GitHub code scanning alerts and Dependabot alerts of a component's
 * repository (`github.com/project-slug`), open ones, every page: each
 * tool's list is its full report. A tool answering 403 or 404 (not
 * enabled, no access) is left out of the pull, its findings unchanged.
 */
export class GithubFindingsSource implements FindingsSource {
  readonly id = 'github';

  constructor(
    private readonly options: {
      apiBaseUrl: string;
      token: string;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  covers(entity: Entity): boolean {
    return SLUG.test(entity.metadata.annotations?.[PROJECT_SLUG] ?? '');
  }

  async pull(
    entity: Entity,
    options: { signal: AbortSignal },
  ): Promise<PulledReport[]> {
    const repo = entity.metadata.annotations![PROJECT_SLUG];
    const reports: PulledReport[] = [];
    const tools: Array<[string, () => Promise<NormalizedFinding[]>]> = [
      [
        'github-code-scanning',
        async () =>
          (
            await this.#list(
              `/repos/${repo}/code-scanning/alerts`,
              codeScanningAlert,
              options.signal,
            )
          ).map(a => codeScanningFinding(repo, a)),
      ],
      [
        'github-dependabot',
        async () =>
          (
            await this.#list(
              `/repos/${repo}/dependabot/alerts`,
              dependabotAlert,
              options.signal,
            )
          ).map(a => dependabotFinding(repo, a)),
      ],
    ];
    for (const [tool, read] of tools) {
      try {
        reports.push({ tool, findings: await read() });
      } catch (error) {
        if (!(error instanceof NotAvailable)) throw error;
        this.options.logger.debug(`${repo}: ${tool} ${error.message}`);
      }
    }
    return reports;
  }

  /** Every open alert of one list, page after page (at most 50 pages of 100). */
  async #list<T>(
    path: string,
    schema: z.ZodType<T>,
    signal: AbortSignal,
  ): Promise<T[]> {
    const base = this.options.apiBaseUrl.replace(/\/+$/, '');
    let url:
      | string
      | undefined = `${base}${path}?state=open&per_page=${PER_PAGE}`;
    const alerts: T[] = [];
    for (let page = 0; url; page++) {
      if (page === MAX_PAGES) {
        throw new Error(
          `${path}: more than ${
            MAX_PAGES * PER_PAGE
          } open alerts, not a full report`,
        );
      }
      // Only our API's pages: a Link header pointing elsewhere is refused.
      if (!url.startsWith(`${base}/`)) {
        throw new Error(`${path}: a next page outside ${base}`);
      }
      const res: Response = await (this.options.fetch ?? fetch)(url, {
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.options.token}`,
          'x-github-api-version': '2022-11-28',
        },
        signal,
      });
      if (res.status === 403 || res.status === 404) {
        throw new NotAvailable(`not available (${res.status})`);
      }
      if (!res.ok) {
        throw new Error(`${path}: GitHub answered ${res.status}`);
      }
      const body = await res.json();
      if (!Array.isArray(body)) {
        throw new Error(`${path}: GitHub answered no list`);
      }
      for (const item of body) {
        const parsed = schema.safeParse(item);
        if (parsed.success) alerts.push(parsed.data);
      }
      url = nextPage(res.headers.get('link'));
    }
    return alerts;
  }
}
