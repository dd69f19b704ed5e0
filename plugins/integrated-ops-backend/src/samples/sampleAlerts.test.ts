import { mockServices } from '@backstage/backend-test-utils';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { playSampleAlerts, readSampleScenario } from './sampleAlerts';

const SCENARIO = resolve(
  __dirname,
  '../../../../catalog/sample-alerts/scenario.yaml',
);

describe('the sample alerts', () => {
  it("play the sample estate's night in time order: fire, acknowledge the incident the route recorded, resolve", async () => {
    const steps = await readSampleScenario(SCENARIO);
    const posted: { status: string; fingerprint: string; category?: string }[] =
      [];
    const acknowledged: string[] = [];
    const slept: number[] = [];
    let clock = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    const done = await playSampleAlerts({
      steps,
      logger: mockServices.logger.mock(),
      sleep: async ms => {
        slept.push(ms);
        clock += ms;
      },
      async post(body: any) {
        const [alert] = body.alerts;
        posted.push({
          status: alert.status,
          fingerprint: alert.fingerprint,
          category: alert.labels.category,
        });
        return { [alert.fingerprint]: `id-${alert.fingerprint}` };
      },
      async acknowledge(id) {
        acknowledged.push(id);
        return 'acknowledged';
      },
    });
    jest.restoreAllMocks();
    expect(done).toBe(steps.length);
    expect(clock).toBe(150_000);
    // The feature store's alert goes to NetOps, then, corrected, to SecOps.
    expect(
      posted.filter(p => p.fingerprint === 'sample-feature-store-errors'),
    ).toEqual([
      {
        status: 'firing',
        fingerprint: 'sample-feature-store-errors',
        category: 'network',
      },
      {
        status: 'firing',
        fingerprint: 'sample-feature-store-errors',
        category: 'security',
      },
      {
        status: 'resolved',
        fingerprint: 'sample-feature-store-errors',
        category: 'security',
      },
    ]);
    expect(acknowledged).toEqual([
      'id-sample-scoring-latency',
      'id-sample-edge-tls',
      'id-sample-siem-gap',
      'id-sample-feature-store-errors',
    ]);
    expect(posted.at(-1)).toMatchObject({
      status: 'resolved',
      fingerprint: 'sample-unknown-node',
    });
  });

  it('goes on after a step that fails, and says which', async () => {
    const logger = mockServices.logger.mock();
    const done = await playSampleAlerts({
      steps: [
        {
          at: 0,
          fire: { fingerprint: 'sample-a', labels: { alertname: 'A' } },
        },
        { at: 0, acknowledge: 'sample-a' },
      ],
      logger,
      sleep: async () => {},
      post: async () => ({}),
      acknowledge: async () => 'never',
    });
    expect(done).toBe(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Sample alert step at 0 s failed: Error: no incident was recorded for sample-a',
    );
  });

  it('stops start on a scenario that resolves what has not fired, naming the step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sample-alerts-'));
    const file = join(dir, 'scenario.yaml');
    await writeFile(file, '- at: 5\n  resolve: sample-never\n');
    await expect(readSampleScenario(file)).rejects.toThrow(
      `${file}: step at 5 s names sample-never, which has not fired by then`,
    );
    await writeFile(
      file,
      '- at: 5\n  fire: { fingerprint: not-sample, labels: {} }\n',
    );
    await expect(readSampleScenario(file)).rejects.toThrow(/is invalid/);
  });
});
