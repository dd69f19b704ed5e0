import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ChangePlanner,
  ChangePublisher,
  createChangePublisher,
  FindingDirectory,
  LocalGitRepositories,
  OnCallDirectory,
} from '@integrated-ops/plugin-ops-requests-node';
import { execFileSync } from 'child_process';
import { mkdtemp } from 'fs/promises';
import { Knex } from 'knex';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  DatabaseRequestStore,
  MIGRATIONS_DIR,
} from '../requests/DatabaseRequestStore';
import { RequestService } from '../requests/RequestService';
import { RequestStore } from '../requests/RequestStore';
import { POLICY_FILE } from './policyFile';
import { requestCatalog as catalog } from './requestCatalog';

export const RAJ = 'user:default/raj'; // in no approving team
export const raj = {
  userEntityRef: RAJ,
  credentials: mockCredentials.user(RAJ),
};

/**
 * A RequestService on SQLite (or the given database: a second replica shares
 * the first one's database and git root), the request catalog, the
 * repository's change policy and a fresh local infrastructure repository,
 * with a clock the test moves; notifications are collected as
 * "title -> recipients".
 */
export async function setupRequestService(
  databases: TestDatabases,
  options: {
    publisher?: (git: LocalGitRepositories) => ChangePublisher;
    store?: (store: RequestStore) => RequestStore;
    onCall?: OnCallDirectory;
    findings?: FindingDirectory;
    knex?: Knex;
    gitRoot?: string;
    /** The catalog ownership re-certification reads; absent, there is none. */
    ownershipCatalog?: Entity[];
  } = {},
) {
  const knex = options.knex ?? (await databases.init('SQLITE_3'));
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  const store = new DatabaseRequestStore(knex);
  const gitRoot =
    options.gitRoot ?? (await mkdtemp(join(tmpdir(), 'iop-svc-git-')));
  const git = new LocalGitRepositories(gitRoot);
  await git.ensure('infrastructure', '# infra\n');
  const clock = { now: new Date('2026-03-02T12:00:00Z') };
  const sent: string[] = [];
  const service = new RequestService({
    store: options.store?.(store) ?? store,
    logger: mockServices.logger.mock(),
    planner: new ChangePlanner({
      catalog: catalogServiceMock({ entities: catalog }),
      policyFile: POLICY_FILE,
      onCall: options.onCall,
      findings: options.findings,
      now: () => clock.now,
    }),
    publisher:
      options.publisher?.(git) ??
      createChangePublisher(new ConfigReader({}), git),
    notifications: {
      send: async n =>
        void sent.push(
          `${n.payload.title} -> ${[
            n.recipients.type === 'entity'
              ? n.recipients.entityRef
              : 'broadcast',
          ]
            .flat()
            .join(',')}`,
        ),
    },
    now: () => clock.now,
    ownership: options.ownershipCatalog && {
      catalog: catalogServiceMock({ entities: options.ownershipCatalog }),
      auth: mockServices.auth(),
      policyFile: POLICY_FILE,
    },
  });
  const branches = async () =>
    (await git.branches('infrastructure', '')).map(b => b.branch);
  /** Subjects of main's commits in the infrastructure repository, newest first. */
  const mainLog = (...logOptions: string[]) =>
    execFileSync('git', [
      '--git-dir',
      git.remoteOf('infrastructure'),
      'log',
      ...logOptions,
      '--format=%s',
      'main',
    ])
      .toString()
      .split('\n');
  return { store, git, gitRoot, clock, service, sent, branches, mainLog };
}
