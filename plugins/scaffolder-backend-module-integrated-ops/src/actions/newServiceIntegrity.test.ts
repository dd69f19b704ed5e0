/*
 * The New service template never writes or replaces a catalog file for a
 * name that is taken, leaves nothing behind when it fails, and takes ops
 * owners only from teams of that discipline. The template's own steps run
 * in its own order (templates/new-service/template.yaml) on a slice of the
 * sample catalog, real git repositories and a real registration directory.
 */
import { readdir, readFile } from 'fs/promises';
import { join } from 'path';
import { parse } from 'yaml';
import {
  newServiceEnvironment,
  NewServiceEnvironment,
  runNewServiceTemplate,
  snapshot,
} from '../__testUtils__/newServiceTemplate';
import { runAction } from '../__testUtils__/runAction';
import { CREATED_BY_TASK_ANNOTATION } from './serviceNames';

/** What the form sends for the first team's new service. */
const firstTeam = {
  name: 'payments-notifier',
  description: 'Notifies customers of declined payments',
  system: 'system:default/fraud-detection',
  language: 'go',
  exposure: 'internal',
  dataClass: 'none',
  opsOwners: { devops: 'group:default/platform-delivery' },
};

/** A second team asking for the same name, with itself as the owner. */
const secondTeam = {
  ...firstTeam,
  description: 'Our notifier',
  opsOwners: {
    devops: 'group:default/sre-payments',
    secops: 'group:default/soc-tier1',
  },
};

async function state(env: NewServiceEnvironment) {
  return {
    registered: await snapshot(env.registrationDir),
    repositories: await snapshot(env.gitRoot),
  };
}

describe('New service template: a taken name', () => {
  let env: NewServiceEnvironment;
  let firstFile: string;

  beforeEach(async () => {
    env = await newServiceEnvironment();
    const first = await runNewServiceTemplate(env, firstTeam, {
      taskId: 'task-first',
    });
    if (first.error || first.steps.at(-1) !== 'publish') {
      throw new Error(`the first team's run failed: ${first.error}`);
    }
    firstFile = await readFile(
      join(env.registrationDir, 'payments-notifier.yaml'),
      'utf8',
    );
  });

  it('the first team’s run goes through every step and registers its own owner', () => {
    expect(parse(firstFile).spec).toMatchObject({
      owner: 'group:default/platform-delivery',
      opsOwners: { devops: 'group:default/platform-delivery' },
    });
  });

  it.each([
    ['the same name', 'payments-notifier'],
    ['the same name in another case', 'Payments-Notifier'],
  ])(
    'a second run with %s is refused at its first step; the first team’s catalog file is byte-identical and nothing is written',
    async (_case, name) => {
      const before = await state(env);
      const second = await runNewServiceTemplate(
        env,
        { ...secondTeam, name },
        { taskId: 'task-second' },
      );
      expect(second.failedStep).toBe('policy');
      expect(second.steps).toEqual(['policy']);
      expect(second.error?.name).toBe('ConflictError');
      expect(second.error?.message).toBe(
        `"${name}" is taken, nothing was written: its catalog file payments-notifier.yaml is registered already for component payments-notifier, owned by group:default/platform-delivery (DevOps group:default/platform-delivery); repository payments-notifier already exists. Choose another name.`,
      );
      expect(
        await readFile(
          join(env.registrationDir, 'payments-notifier.yaml'),
          'utf8',
        ),
      ).toBe(firstFile);
      expect(await state(env)).toEqual(before);
    },
  );

  it('a hand-written template that skips the policy step cannot replace the file either', async () => {
    const before = await state(env);
    for (const name of ['payments-notifier', 'Payments-Notifier']) {
      const run = await runAction(
        env.actions['integrated-ops:catalog:write'],
        {
          name,
          system: 'system:default/fraud-detection',
          owner: 'group:default/sre-payments',
          opsOwners: { devops: 'group:default/sre-payments' },
        },
        { taskId: 'task-forged' },
      );
      expect(run.error?.message).toMatch(
        name === 'payments-notifier'
          ? /^"payments-notifier" is taken, nothing was written: its catalog file payments-notifier\.yaml is registered already .*owned by group:default\/platform-delivery/
          : /is not a valid entity name/,
      );
      // Not even the task workspace got a catalog-info.yaml.
      expect(await readdir(run.workspacePath)).toEqual([]);
    }
    expect(await state(env)).toEqual(before);
  });
});

describe('catalog:write on its own (a template without the policy step)', () => {
  it('refuses an owner that is no team of its discipline, and writes nothing', async () => {
    const env = await newServiceEnvironment();
    const before = await state(env);
    const run = await runAction(
      env.actions['integrated-ops:catalog:write'],
      {
        name: 'payments-sidekick',
        system: 'system:default/fraud-detection',
        owner: 'group:default/payments-edge-team',
        opsOwners: { secops: 'group:default/payments-edge-team' },
      },
      { taskId: 'task-forged' },
    );
    expect(run.error?.message).toContain(
      'owner-discipline: SecOps owner group:default/payments-edge-team is not a SecOps team',
    );
    expect(await readdir(run.workspacePath)).toEqual([]);
    expect(await state(env)).toEqual(before);
  });

  it('refuses a control character in any of its text, naming the field', async () => {
    const env = await newServiceEnvironment();
    const run = await runAction(
      env.actions['integrated-ops:catalog:write'],
      {
        name: 'payments-sidekick',
        title: 'Payments\u202e sidekick',
        system: 'system:default/fraud-detection',
        owner: 'group:default/sre-payments',
      },
      { taskId: 'task-forged' },
    );
    expect(run.error?.message).toBe(
      'title: must not contain control characters (found U+202E at 8)',
    );
  });
});

describe('New service template: a component already in the catalog', () => {
  it.each(['fraud-scoring-service', 'Fraud-Scoring-Service'])(
    '"%s" is refused naming the existing entity and its owners; nothing is written',
    async name => {
      const env = await newServiceEnvironment();
      const run = await runNewServiceTemplate(
        env,
        { ...secondTeam, name },
        { taskId: 'task-1' },
      );
      expect(run.failedStep).toBe('policy');
      expect(run.error?.message).toBe(
        `"${name}" is taken, nothing was written: component:default/fraud-scoring-service already exists in the catalog, owned by group:default/fraud-ml-team (NetOps group:default/netops-dc, DevOps group:default/sre-payments, SecOps group:default/soc-tier1). Choose another name.`,
      );
      expect(run.log).toContain(
        'FAIL name: component:default/fraud-scoring-service already exists in the catalog, owned by group:default/fraud-ml-team (NetOps group:default/netops-dc, DevOps group:default/sre-payments, SecOps group:default/soc-tier1)',
      );
      expect(await state(env)).toEqual({ registered: {}, repositories: {} });
    },
  );

  it.each(['seg-pci-app', 'SEG-PCI-APP'])(
    'the name of a Resource ("%s") is refused too: a bare name must keep meaning it',
    async name => {
      const env = await newServiceEnvironment();
      const run = await runNewServiceTemplate(
        env,
        { ...secondTeam, name },
        { taskId: 'task-1' },
      );
      expect(run.failedStep).toBe('policy');
      expect(run.error?.message).toContain(
        'resource:default/seg-pci-app already exists in the catalog',
      );
      expect(await state(env)).toEqual({ registered: {}, repositories: {} });
    },
  );

  it('is refused on a dry run as well', async () => {
    const env = await newServiceEnvironment();
    const run = await runNewServiceTemplate(
      env,
      { ...secondTeam, name: 'fraud-scoring-service' },
      { taskId: 'task-1', isDryRun: true },
    );
    expect(run.failedStep).toBe('policy');
  });
});

describe('New service template: atomic registration', () => {
  const write = (env: NewServiceEnvironment, taskId: string, owner: string) =>
    runAction(
      env.actions['integrated-ops:catalog:write'],
      {
        name: 'payments-notifier',
        system: 'system:default/fraud-detection',
        owner,
        targetPath: 'service/catalog-info.yaml',
      },
      { taskId },
    );

  it('of two runs racing for one name, exactly one registers it; the other registers nothing', async () => {
    const env = await newServiceEnvironment();
    const runs = await Promise.all([
      write(env, 'task-a', 'group:default/platform-delivery'),
      write(env, 'task-b', 'group:default/sre-payments'),
    ]);
    const won = runs.filter(r => !r.error);
    expect(won).toHaveLength(1);
    expect(runs.find(r => r.error)?.error?.name).toBe('ConflictError');
    expect(await readdir(env.registrationDir)).toEqual([
      'payments-notifier.yaml',
    ]);
    const registered = await readFile(
      join(env.registrationDir, 'payments-notifier.yaml'),
      'utf8',
    );
    expect(registered).toBe(
      await readFile(
        join(won[0].workspacePath, 'service/catalog-info.yaml'),
        'utf8',
      ),
    );
  });

  it('a run whose repository cannot be created takes its own registration back, and no other run’s', async () => {
    const env = await newServiceEnvironment();
    const mine = await write(env, 'task-a', 'group:default/platform-delivery');
    expect(mine.error).toBeUndefined();
    expect(
      parse(
        await readFile(
          join(env.registrationDir, 'payments-notifier.yaml'),
          'utf8',
        ),
      ).metadata.annotations,
    ).toEqual({ [CREATED_BY_TASK_ANNOTATION]: 'task-a' });

    // The repository appears by another way before this run publishes.
    await env.repositories.publishNewRepository({
      repository: 'payments-notifier',
      sourceDir: join(mine.workspacePath, 'service'),
      message: 'made elsewhere',
      author: { name: 'someone', email: 'someone@users.invalid' },
    });
    const publish = (taskId: string) =>
      runAction(
        env.actions['integrated-ops:gitops:publish'],
        {
          repository: 'payments-notifier',
          sourcePath: 'service',
          title: 'Create payments-notifier',
        },
        { workspacePath: mine.workspacePath, taskId },
      );

    // Another task's failed publish leaves this task's registration alone.
    const other = await publish('task-b');
    expect(other.error?.message).toBe(
      'repository payments-notifier already exists',
    );
    expect(await readdir(env.registrationDir)).toEqual([
      'payments-notifier.yaml',
    ]);

    const failed = await publish('task-a');
    expect(failed.error?.message).toBe(
      'repository payments-notifier already exists',
    );
    expect(failed.log).toContain(
      'Took back the catalog registration of payments-notifier this task made: the repository was not created',
    );
    expect(await readdir(env.registrationDir)).toEqual([]);
  });
});

describe('New service template: owners of the wrong discipline', () => {
  it('passes the sample’s own teams, reporting owner-discipline like any rule', async () => {
    const env = await newServiceEnvironment();
    const run = await runNewServiceTemplate(env, firstTeam, {
      taskId: 'task-1',
      isDryRun: true,
    });
    expect(run.error).toBeUndefined();
    expect(
      run.outputs.policy.results.find(
        (r: any) => r.rule === 'owner-discipline',
      ),
    ).toEqual({
      rule: 'owner-discipline',
      passed: true,
      message:
        'each owner serves its discipline: netops group:default/netops-dc, devops group:default/platform-delivery, secops group:default/soc-tier1',
    });
  });

  it.each([
    [
      'a payments team as the SecOps owner',
      { secops: 'group:default/payments-edge-team' },
      'SecOps owner group:default/payments-edge-team is not a SecOps team: it declares no discipline (spec.opsTeam.discipline); a SecOps owner must be a team whose spec.opsTeam.discipline is secops',
    ],
    [
      'a DevOps team as the NetOps owner',
      { netops: 'sre-payments' },
      'NetOps owner group:default/sre-payments is not a NetOps team: it is a DevOps team (spec.opsTeam.discipline: devops); a NetOps owner must be a team whose spec.opsTeam.discipline is netops',
    ],
    [
      'a person as the DevOps owner',
      { devops: 'user:default/raj.patel' },
      'DevOps owner user:default/raj.patel is not a Group in the catalog; a DevOps owner must be a team whose spec.opsTeam.discipline is devops',
    ],
  ])(
    'refuses %s, naming the team and what it is; nothing is written',
    async (_case, opsOwners, message) => {
      const env = await newServiceEnvironment();
      const run = await runNewServiceTemplate(
        env,
        { ...firstTeam, opsOwners },
        { taskId: 'task-1' },
      );
      expect(run.failedStep).toBe('policy');
      expect(run.error?.message).toContain(`- owner-discipline: ${message}`);
      expect(run.log).toContain(`FAIL owner-discipline: ${message}`);
      expect(
        run.outputs.policy.results.find(
          (r: any) => r.rule === 'owner-discipline',
        ),
      ).toEqual({ rule: 'owner-discipline', passed: false, message });
      expect(await state(env)).toEqual({ registered: {}, repositories: {} });
    },
  );
});
