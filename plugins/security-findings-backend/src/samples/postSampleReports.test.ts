import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commonFixture,
  startFindingsPortal,
} from '../__testUtils__/findingsPortal';
import { postSampleReports, readSampleManifest } from './postSampleReports';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function folder(manifest: string, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sample-reports-'));
  writeFileSync(join(dir, 'reports.yaml'), manifest);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('sample reports', () => {
  it('are posted through the report route as a scanner would; an unknown component is given up at the deadline', async () => {
    const knex = await databases.init('SQLITE_3');
    const portal = await startFindingsPortal(knex);
    try {
      const dir = folder(
        [
          '- { entity: component:default/nowhere, tool: grype, format: grype, file: grype.json }',
          '- { entity: payments-api, tool: trivy, format: sarif, file: trivy.sarif }',
          // Named by its image, as an image scan's pipeline knows it.
          '- { image: "registry.bank.example/payments/api:2.0.1", tool: grype, format: grype, file: grype.json }',
        ].join('\n'),
        {
          'trivy.sarif': commonFixture('trivy-alpine-310.sarif'),
          'grype.json': commonFixture('grype-image.json'),
        },
      );
      const { port } = portal.server.address() as { port: number };
      const logger = mockServices.logger.mock();
      const applied = await postSampleReports({
        dir,
        reports: await readSampleManifest(dir),
        baseUrl: `http://127.0.0.1:${port}/api/security-findings`,
        token: mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('ci-scanner'),
          targetPluginId: 'security-findings',
        }),
        logger,
        retryMs: 10,
        deadline: Date.now() + 200,
      });
      expect(applied).toBe(2);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Sample report grype.json not applied: 404/),
      );
      expect(logger.info).toHaveBeenCalledWith(
        'Sample report trivy.sarif on component:default/payments-api: 4 findings (4 new, 0 reopened, 0 fixed)',
      );
      const byImage = logger.info.mock.calls
        .map(([line]) =>
          /^Sample report grype.json on component:default\/payments-api: (\d+) findings/.exec(
            String(line),
          ),
        )
        .find(Boolean);
      expect(Number(byImage?.[1])).toBeGreaterThan(0);
      const [{ n }] = await knex('security_findings').count({ n: '*' });
      expect(Number(n)).toBe(4 + Number(byImage![1]));
    } finally {
      await portal.stop();
    }
  });

  it('refuse a manifest naming a file outside its folder, or not a list of reports', async () => {
    await expect(
      readSampleManifest(
        folder(
          '- { entity: a, tool: t, format: sarif, file: ../../etc/passwd }',
        ),
      ),
    ).rejects.toThrow(/is outside/);
    await expect(
      readSampleManifest(
        folder('- { entity: a, tool: t, format: pdf, file: x }'),
      ),
    ).rejects.toThrow(/reports.yaml is invalid/);
    await expect(
      readSampleManifest(
        folder(
          '- { entity: a, image: "nginx:1", tool: t, format: sarif, file: x }',
        ),
      ),
    ).rejects.toThrow(/exactly one of entity, repository or image/);
    await expect(readSampleManifest('/nonexistent')).rejects.toThrow(
      /cannot read \/nonexistent\/reports.yaml/,
    );
  });
});
