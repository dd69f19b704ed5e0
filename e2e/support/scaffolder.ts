/*
 * Runs software templates through the portal's real scaffolder API, as the
 * Create page does, and reads what they committed from the local git
 * repositories under the SQLite backend's data directory.
 */
import { APIRequestContext, expect, Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '../..');

export interface TaskResult {
  status: string;
  log: string[];
  output?: any;
  error?: { name: string; message: string };
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Presses Create on a request template's review step and waits until the
 * task page has opened the filed request (Create ends there); its id.
 */
export async function createAndOpenRequest(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/ops-requests\/cr-[^/]+$/, {
    timeout: 60_000,
  });
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** Starts a task from a registered template and waits for it to finish. */
export async function runTemplate(
  request: APIRequestContext,
  token: string,
  template: string,
  values: Record<string, unknown>,
): Promise<TaskResult> {
  const created = await request.post('/api/scaffolder/v2/tasks', {
    headers: auth(token),
    data: { templateRef: `template:default/${template}`, values },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  let status = '';
  await expect
    .poll(
      async () => {
        const task = await request.get(`/api/scaffolder/v2/tasks/${id}`, {
          headers: auth(token),
        });
        status = (await task.json()).status;
        return ['completed', 'failed', 'cancelled'].includes(status);
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  const events = await (
    await request.get(`/api/scaffolder/v2/tasks/${id}/events`, {
      headers: auth(token),
    })
  ).json();
  const completion = events.find((e: any) => e.type === 'completion')?.body;
  return {
    status,
    log: events
      .filter((e: any) => e.type === 'log')
      .map((e: any) => e.body.message),
    output: completion?.output,
    error: completion?.error,
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Dry-runs a template file from the repository through the scaffolder's dry-run API. */
export async function dryRunTemplate(
  request: APIRequestContext,
  token: string,
  templateDir: string,
  values: Record<string, unknown>,
) {
  const dir = join(repoRoot, 'templates', templateDir);
  const template = parse(readFileSync(join(dir, 'template.yaml'), 'utf8'));
  const directoryContents = filesUnder(dir)
    .filter(f => !f.endsWith('template.yaml'))
    .map(f => ({
      path: relative(dir, f),
      base64Content: readFileSync(f).toString('base64'),
    }));
  const response = await request.post('/api/scaffolder/v2/dry-run', {
    headers: auth(token),
    data: { template, values, secrets: {}, directoryContents },
  });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

const repositoryDir = (repository: string) =>
  join(process.env.PORTAL_E2E_SQLITE_DATA_DIR!, 'git', `${repository}.git`);

/** git, on a bare repository the portal published to. */
export function git(repository: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repositoryDir(repository), ...args], {
    encoding: 'utf8',
  });
}

/** The branches of a repository; none while it does not exist yet. */
export function branchesOf(repository: string): string[] {
  if (!existsSync(repositoryDir(repository))) return [];
  return git(
    repository,
    'for-each-ref',
    '--format=%(refname:short)',
    'refs/heads',
  )
    .split('\n')
    .filter(Boolean);
}
