import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import { mkdtemp, readdir, readFile, stat } from 'fs/promises';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { parse } from 'yaml';
import { createPolicyCheckAction } from '../actions/policyCheck';
import { createPublishChangeAction } from '../actions/publishChange';
import { createRenderCiControlsAction } from '../actions/renderCiControls';
import { createRenderNetworkPolicyAction } from '../actions/renderNetworkPolicy';
import { NewServiceNames } from '../actions/serviceNames';
import { createValidateKubernetesAction } from '../actions/validateKubernetes';
import { writeWorkspaceFile } from '../actions/workspaceFiles';
import { createWriteCatalogInfoAction } from '../actions/writeCatalogInfo';
import { runAction } from './runAction';
import { POLICY_FILE, testEntities } from './testCatalog';

const TEMPLATE_DIR = resolve(__dirname, '../../../../templates/new-service');

/**
 * What the New service template's steps run against, as the module wires
 * it: the catalog (a slice of the sample estate, plus `entities`), real
 * bare git repositories and a real registration directory in temporary
 * directories.
 */
export async function newServiceEnvironment(
  options: { entities?: Entity[]; now?: Date } = {},
) {
  const catalog = catalogServiceMock({
    entities: [...testEntities(), ...(options.entities ?? [])],
  });
  const registrationDir = join(
    await mkdtemp(join(tmpdir(), 'iop-registered-')),
    'catalog',
  );
  const gitRoot = await mkdtemp(join(tmpdir(), 'iop-git-'));
  const repositories = new LocalGitRepositories(gitRoot);
  const names = new NewServiceNames({
    catalog,
    auth: mockServices.auth(),
    registrationDir,
    repositories,
  });
  const now = options.now ?? new Date('2026-03-02T12:00:00Z');
  const actions: Record<string, { handler(ctx: any): Promise<void> }> = {
    'integrated-ops:policy:check': createPolicyCheckAction({
      catalog,
      policyFile: POLICY_FILE,
      names,
      now: () => now,
    }),
    'integrated-ops:render:network-policy': createRenderNetworkPolicyAction(),
    'integrated-ops:kubernetes:validate': createValidateKubernetesAction(),
    'integrated-ops:render:ci-controls': createRenderCiControlsAction(),
    'integrated-ops:catalog:write': createWriteCatalogInfoAction({
      names,
      catalog,
      policyFile: POLICY_FILE,
    }),
    'integrated-ops:gitops:publish': createPublishChangeAction({
      repositories,
      names,
    }),
  };
  return { catalog, registrationDir, gitRoot, repositories, names, actions };
}

export type NewServiceEnvironment = Awaited<
  ReturnType<typeof newServiceEnvironment>
>;

const EXPRESSION = /\$\{\{\s*([\w.]+)\s*\}\}/g;
const lookup = (context: object, path: string) =>
  path.split('.').reduce<any>((value, key) => value?.[key], context);

/** `${{ a.b }}` as the scaffolder renders it: a whole-value expression keeps its type. */
function render(value: unknown, context: object): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{\s*([\w.]+)\s*\}\}$/.exec(value);
    if (whole) return lookup(context, whole[1]);
    return value.replace(EXPRESSION, (_, path) =>
      String(lookup(context, path) ?? ''),
    );
  }
  if (Array.isArray(value)) return value.map(v => render(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, context)]),
    );
  }
  return value;
}

/** fetch:template, for this skeleton: values substituted, Nunjucks tags dropped. */
async function fetchSkeleton(
  workspacePath: string,
  input: { url: string; targetPath: string; values: Record<string, unknown> },
) {
  const root = resolve(TEMPLATE_DIR, input.url);
  const walk = async (dir: string): Promise<string[]> =>
    (
      await Promise.all(
        (
          await readdir(dir, { withFileTypes: true })
        ).map(e =>
          e.isDirectory()
            ? walk(join(dir, e.name))
            : Promise.resolve([join(dir, e.name)]),
        ),
      )
    ).flat();
  for (const file of await walk(root)) {
    const text = (await readFile(file, 'utf8'))
      .split('\n')
      .filter(line => !/^\s*\{%.*%\}\s*$/.test(line))
      .join('\n')
      .replace(EXPRESSION, (_, path) =>
        String(lookup({ values: input.values }, path) ?? ''),
      );
    await writeWorkspaceFile(
      workspacePath,
      join(input.targetPath, relative(root, file)),
      text,
    );
  }
}

export interface TemplateRun {
  /** The step that failed, if one did (the scaffolder stops there). */
  failedStep?: string;
  error?: Error;
  /** Steps run, in order. */
  steps: string[];
  log: string[];
  outputs: Record<string, Record<string, any>>;
}

/**
 * Runs templates/new-service/template.yaml's steps in the template's own
 * order, as the scaffolder does: each step's input rendered from the
 * parameters and earlier steps' outputs, one workspace, stopping at the
 * first step that fails.
 */
export async function runNewServiceTemplate(
  env: NewServiceEnvironment,
  parameters: Record<string, unknown>,
  options: { taskId: string; isDryRun?: boolean },
): Promise<TemplateRun> {
  const template = parse(
    await readFile(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  const workspacePath = await mkdtemp(join(tmpdir(), 'iop-task-'));
  const run: TemplateRun = { steps: [], log: [], outputs: {} };
  for (const step of template.spec.steps) {
    const input = render(step.input ?? {}, {
      parameters,
      steps: Object.fromEntries(
        Object.entries(run.outputs).map(([id, output]) => [id, { output }]),
      ),
    }) as Record<string, any>;
    run.steps.push(step.id);
    if (step.action === 'fetch:template') {
      await fetchSkeleton(workspacePath, input as any);
      continue;
    }
    const action = env.actions[step.action];
    if (!action) throw new Error(`no action ${step.action} in the test`);
    const result = await runAction(action, input, {
      workspacePath,
      taskId: options.taskId,
      isDryRun: options.isDryRun,
    });
    run.log.push(...result.log);
    run.outputs[step.id] = result.outputs;
    if (result.error) {
      run.failedStep = step.id;
      run.error = result.error;
      break;
    }
  }
  return run;
}

/** Every file under a directory, path -> bytes: to prove nothing changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else files[relative(dir, path)] = (await readFile(path)).toString('hex');
    }
  };
  if (await stat(dir).catch(() => undefined)) await walk(dir);
  return files;
}
