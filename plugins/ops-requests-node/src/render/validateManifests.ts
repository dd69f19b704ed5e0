import { InputError } from '@backstage/errors';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parseAllDocuments } from 'yaml';

type Validatable = { validate(): void };
const MODELS: Record<string, new (data: any) => Validatable> = {
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
};

/**
 * Validates Kubernetes manifests (one or more YAML documents) against the
 * Kubernetes OpenAPI schemas, through kubernetes-models. Throws an InputError
 * naming the document and the schema violation; a kind it has no schema for
 * is refused rather than waved through.
 *
 * @public
 */
export function validateManifests(yamlText: string, fileName: string): number {
  const docs = parseAllDocuments(yamlText);
  let count = 0;
  docs.forEach((doc, i) => {
    if (doc.errors.length) {
      throw new InputError(
        `${fileName} document ${i + 1}: ${doc.errors[0].message}`,
      );
    }
    const manifest = doc.toJS();
    if (!manifest) return;
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const Model = MODELS[key];
    if (!Model) {
      throw new InputError(
        `${fileName} document ${i + 1}: no Kubernetes schema known for ${key}`,
      );
    }
    try {
      new Model(manifest).validate();
    } catch (error) {
      throw new InputError(
        `${fileName} document ${i + 1} (${key} ${
          manifest.metadata?.name ?? ''
        }) is not valid: ${(error as Error).message}`,
      );
    }
    count++;
  });
  return count;
}
