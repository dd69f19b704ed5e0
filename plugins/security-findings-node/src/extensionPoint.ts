import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NormalizedFinding } from '@integrated-ops/plugin-security-findings-common';

/**
 * One tool's full report for a component, as a source pulled it: the
 * findings it has open now (what is absent is fixed).
 *
 * @public
 */
export interface PulledReport {
  /** The tool the life cycle is kept under, e.g. `github-code-scanning`. */
  tool: string;
  /** Every finding of the tool open now on the component. */
  findings: NormalizedFinding[];
}

/**
 * A source of findings the plugin pulls on its schedule (a vendor's API):
 * for each component the source says it covers, the full reports of its
 * tools. A tool the source could not read for a component (not enabled,
 * no access) is left out: its findings on file stay as they are.
 *
 * @public
 */
export interface FindingsSource {
  /** Names the source in logs and as the reports' `reportedBy` (`source:<id>`). */
  id: string;
  /** Whether the source has anything to say of this component (e.g. it has a GitHub repository). */
  covers(entity: Entity): boolean;
  /** The component's full reports, one per tool the source could read. */
  pull(
    entity: Entity,
    options: { signal: AbortSignal },
  ): Promise<PulledReport[]>;
}

/**
 * Where modules add sources of findings to the security-findings backend.
 *
 * @public
 */
export interface SecurityFindingsSourcesExtensionPoint {
  /** Adds a source the plugin pulls on its schedule (`pullMinutes`). */
  addSource(source: FindingsSource): void;
}

/**
 * The security-findings backend's extension point for findings sources.
 *
 * @public
 */
export const securityFindingsSourcesExtensionPoint =
  createExtensionPoint<SecurityFindingsSourcesExtensionPoint>({
    id: 'security-findings.sources',
  });
