import { createApiRef } from '@backstage/core-plugin-api';
import {
  BlastRadiusResponse,
  CoverageResponse,
  IndexStatus,
  LookupResponse,
  OwnershipTimeline,
  Incident,
  Page,
  PageRequest,
  ResponseKpis,
  TeamOnCall,
  UnroutedAlertsResponse,
} from '@integrated-ops/plugin-integrated-ops-common';

/** Client of the integrated-ops backend (see its openapi.yaml). */
export interface IntegratedOpsApi {
  /**
   * Who owns a name, ref, hostname, URL, IP or CIDR, and who is on call now;
   * with `asOf`, as it was then (owners, teams, on-call, change requests).
   */
  lookup(q: string, options?: { asOf?: string }): Promise<LookupResponse>;
  /** An entity's typed owners over time: owner since, recent changes. */
  ownershipHistory(entityRef: string): Promise<OwnershipTimeline>;
  /** What depends on an entity and what it depends on, up to `depth` hops. */
  blastRadius(entityRef: string, depth: number): Promise<BlastRadiusResponse>;
  /** A team: who is on call now and next on each rotation, and its escalation. */
  teamOnCall(teamRef: string): Promise<TeamOnCall & { index: IndexStatus }>;
  /** Ownership coverage per system and team, and every gap. */
  coverage(): Promise<CoverageResponse>;
  /** The coverage gaps as CSV, as the backend renders them. */
  coverageCsv(): Promise<Blob>;
  indexStatus(): Promise<IndexStatus>;
  /** Alerts of the last 24 h that found no entity or no owner. */
  unroutedAlerts(): Promise<UnroutedAlertsResponse>;
  /** Pages the owning team of one discipline of an entity (the open page when one is). */
  page(request: PageRequest): Promise<Page>;
  /** A page and whether someone acknowledged it. */
  getPage(id: string): Promise<Page>;
  /** Acknowledges a page sent as a portal notification. */
  acknowledgePage(id: string): Promise<Page>;
  /** An incident of a routed alert, and whether the caller may acknowledge it. */
  incident(id: string): Promise<Incident>;
  /** Acknowledges an incident (its team's members and on-call). */
  acknowledgeIncident(id: string): Promise<Incident>;
  /** Time to acknowledge and resolve per owning team over the last `days` days. */
  responseKpis(filter: { days: number; team?: string }): Promise<ResponseKpis>;
  /** The same figures as CSV. */
  responseKpisCsv(filter: { days: number; team?: string }): Promise<Blob>;
}

export const integratedOpsApiRef = createApiRef<IntegratedOpsApi>({
  id: 'plugin.integrated-ops.service',
});
