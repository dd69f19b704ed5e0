/*
 * The deployment manifests in deploy/kubernetes, validated offline against
 * the Kubernetes schemas (kubernetes-models), and what the portal needs of
 * them: two replicas, health probes, PostgreSQL from a secret.
 */
import { readdirSync, readFileSync } from 'fs';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { resolve } from 'path';
import { parse, parseAllDocuments } from 'yaml';

const dir = resolve(__dirname, '../../../deploy/kubernetes');
const manifests = readdirSync(dir)
  .filter(f => f.endsWith('.yaml'))
  .flatMap(f =>
    parseAllDocuments(readFileSync(resolve(dir, f), 'utf8')).map(d => d.toJS()),
  );
const models: Record<string, new (o: any) => { validate(): void }> = {
  Deployment,
  Service,
  PodDisruptionBudget,
};

describe('deploy/kubernetes', () => {
  it('holds only manifests the Kubernetes schemas accept', () => {
    expect(manifests.map(m => m.kind).sort()).toEqual([
      'Deployment',
      'PodDisruptionBudget',
      'Service',
    ]);
    for (const m of manifests) {
      expect(() => new models[m.kind](m).validate()).not.toThrow();
    }
  });

  it('runs two replicas with Backstage health probes and PostgreSQL from a secret', () => {
    const deployment = manifests.find(m => m.kind === 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    const [container] = deployment.spec.template.spec.containers;
    expect(container.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(container.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    expect(
      container.env
        .filter((e: any) => e.name.startsWith('POSTGRES_'))
        .map((e: any) => e.valueFrom.secretKeyRef.name),
    ).toEqual(Array(4).fill('integrated-ops-postgres'));
    expect(container.resources.requests.memory).toBe('1536Mi');
  });

  it('gives the backend every setting the production config requires', () => {
    const production = parse(
      readFileSync(
        resolve(__dirname, '../../../app-config.production.yaml'),
        'utf8',
      ),
    );
    const required: string[] = production.integratedOps.requiredSettings.map(
      (s: { env: string }) => s.env,
    );
    const deployment = manifests.find(m => m.kind === 'Deployment');
    const [container] = deployment.spec.template.spec.containers;
    const given = container.env.map((e: any) => e.name);
    expect(required.filter(env => !given.includes(env))).toEqual([]);
  });

  it('signs tokens with keys from a secret, so lookups outlive a database outage', () => {
    const deployment = manifests.find(m => m.kind === 'Deployment');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.args.slice(-1)).toEqual(['app-config.signing-keys.yaml']);
    const keysDir = container.env.find(
      (e: any) => e.name === 'PORTAL_KEYS_DIR',
    ).value;
    const mount = container.volumeMounts.find(
      (m: any) => m.mountPath === keysDir,
    );
    expect(
      pod.volumes.find((v: any) => v.name === mount.name).secret.secretName,
    ).toBe('integrated-ops-signing-keys');
  });
});
