import { mockServices } from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import { mkdtemp, readdir, readFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import { POLICY_FILE, testCatalog } from '../__testUtils__/testCatalog';
import { NewServiceNames } from './serviceNames';
import { createWriteCatalogInfoAction } from './writeCatalogInfo';

/** The action as the module wires it, registering into a fresh directory. */
async function writer() {
  const registrationDir = await mkdtemp(join(tmpdir(), 'iop-cat-'));
  const catalog = testCatalog();
  const names = new NewServiceNames({
    catalog,
    auth: mockServices.auth(),
    registrationDir,
    repositories: new LocalGitRepositories(
      await mkdtemp(join(tmpdir(), 'iop-git-')),
    ),
  });
  return {
    registrationDir,
    action: createWriteCatalogInfoAction({
      names,
      catalog,
      policyFile: POLICY_FILE,
    }),
  };
}

const input = {
  name: 'payments-notifier',
  description: 'Sends payment notifications',
  system: 'system:default/fraud-detection',
  owner: 'group:default/platform-delivery',
  opsOwners: { devops: 'group:default/platform-delivery', netops: '' },
  tags: ['go'],
};

describe('integrated-ops:catalog:write', () => {
  it('writes catalog-info.yaml with the owners chosen, leaves the rest to inheritance, and registers it', async () => {
    const { registrationDir, action } = await writer();
    const run = await runAction(action, input);
    expect(run.error).toBeUndefined();
    const written = parse(
      await readFile(join(run.workspacePath, 'catalog-info.yaml'), 'utf8'),
    );
    expect(written.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/platform-delivery',
      system: 'system:default/fraud-detection',
      opsOwners: { devops: 'group:default/platform-delivery' },
    });
    // Its publish step may take back what this task registered, nothing else.
    expect(written.metadata.annotations).toEqual({
      'integrated-ops.io/created-by-task': 'mock-task-id',
    });
    expect(run.log[0]).toBe(
      'Wrote catalog-info.yaml for component:default/payments-notifier: netops inherited from system:default/fraud-detection, devops group:default/platform-delivery, secops inherited from system:default/fraud-detection',
    );
    // The catalog's registration Location reads this directory.
    const registered = join(registrationDir, 'payments-notifier.yaml');
    expect(run.outputs.registeredFrom).toBe(registered);
    expect(parse(await readFile(registered, 'utf8'))).toEqual(written);
  });

  it('does not register on a dry run', async () => {
    const { registrationDir, action } = await writer();
    const run = await runAction(action, input, { isDryRun: true });
    expect(run.error).toBeUndefined();
    expect(await readdir(registrationDir)).toEqual([]);
    expect(run.outputs.registeredFrom).toBe('');
  });

  it('refuses a name the catalog would refuse', async () => {
    const { registrationDir, action } = await writer();
    const run = await runAction(action, { ...input, name: '../etc/passwd' });
    expect(run.error?.message).toBe(
      '"../etc/passwd" is not a valid entity name',
    );
    expect(await readdir(registrationDir)).toEqual([]);
  });
});
