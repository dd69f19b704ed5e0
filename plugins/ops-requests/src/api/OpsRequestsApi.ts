import { createApiRef } from '@backstage/core-plugin-api';
import {
  ChangeIntentInput,
  ChangePlan,
  ChangeRequest,
  ChangeRequestDetail,
  CalendarResponse,
  GovernanceKpis,
} from '@integrated-ops/plugin-ops-requests-common';

/** Client of the ops-requests backend (see its openapi.yaml). */
export interface OpsRequestsApi {
  /** Change requests: mine, awaiting my approval, or all. */
  listRequests(view: 'mine' | 'awaiting' | 'all'): Promise<ChangeRequest[]>;
  getRequest(id: string): Promise<ChangeRequestDetail>;
  approveRequest(id: string, comment?: string): Promise<ChangeRequest>;
  rejectRequest(id: string, justification: string): Promise<ChangeRequest>;
  /** The change calendar: freezes, planned applies, expiries, reviews, re-certifications. */
  calendar(filter: CalendarFilterInput): Promise<CalendarResponse>;
  /** The same as an iCalendar file. */
  calendarIcs(filter: CalendarFilterInput): Promise<Blob>;
  /** Break-glass in post-review: keep it until its end time. */
  confirmRequest(id: string, comment?: string): Promise<ChangeRequest>;
  /** Break-glass in post-review: revoke it now. */
  revokeRequest(id: string, justification: string): Promise<ChangeRequest>;
  /** An ownership re-certification: the asked team hands it over to another team. */
  handOverRequest(
    id: string,
    to: string,
    comment?: string,
  ): Promise<ChangeRequest>;
  /** Governance KPIs of a team, a system or the whole portal over the last `days`. */
  kpis(filter: KpiFilterInput): Promise<GovernanceKpis>;
  /** The same figures as CSV, as the backend renders them. */
  kpisCsv(filter: KpiFilterInput): Promise<Blob>;
  /** What the server would decide for an intent: policy results, approvers, files. Files nothing. */
  previewRequest(intent: ChangeIntentInput): Promise<ChangePlan>;
}

/** A KPI page: a team's or a system's (or neither: the portal's), over the last `days`. */
export interface KpiFilterInput {
  team?: string;
  system?: string;
  days: number;
}

/** The calendar's filters: a team or system ref, and the range (ISO instants). */
export interface CalendarFilterInput {
  team?: string;
  system?: string;
  from?: string;
  to?: string;
}

export const opsRequestsApiRef = createApiRef<OpsRequestsApi>({
  id: 'plugin.ops-requests.service',
});
