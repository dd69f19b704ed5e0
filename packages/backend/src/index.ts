/*
 * Integrated Ops Portal backend (new backend system).
 */
import { createBackend } from '@backstage/backend-defaults';
import { lastKnownUserInfoServiceFactory } from '@integrated-ops/plugin-integrated-ops-node';
import { rootHttpRouter } from './http/rootHttpRouter';
import { requiredSettingsServiceFactory } from './requiredSettings';
import { searchModuleIntegratedOpsEngine } from '@integrated-ops/plugin-search-backend-module-integrated-ops';

const backend = createBackend();

// Production: stop at startup naming every required setting that is not
// given (integratedOps.requiredSettings in app-config.production.yaml).
backend.add(requiredSettingsServiceFactory);

// User info (ownership claims for permission checks) that outlives a
// database outage for signed-in users, at most an hour old.
backend.add(lastKnownUserInfoServiceFactory);

// Backstage's root router; error bodies reduced to name and message when the
// config says so (app-config.production.yaml).
backend.add(rootHttpRouter);

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the embedded default
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Production: OpenID Connect (app-config.production.yaml; a user signs in
// when a catalog User's profile email matches).
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
// Development only: sign in as a sample-org user (to approve as an approver).
backend.add(
  import('@integrated-ops/plugin-auth-backend-module-sample-user-provider'),
);

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// typed NetOps / DevOps / SecOps ownership relations
backend.add(
  import('@integrated-ops/plugin-catalog-backend-module-integrated-ops'),
);

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// Change requests filed with ops-requests (intent only), the new service's
// policy check, renderers, repository publisher, catalog-info writer.
backend.add(
  import('@integrated-ops/plugin-scaffolder-backend-module-integrated-ops'),
);
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// permissions: the portal's least-privilege policy (roles in
// integratedOps.permissions; anything without a rule is denied).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@integrated-ops/plugin-permission-backend-module-integrated-ops'),
);

// search: Postgres engine when on pg, in-memory Lunr otherwise
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// search by IP, hostname or name: the entity with its three owners
backend.add(
  import('@integrated-ops/plugin-search-backend-module-integrated-ops'),
);
// ... and on the in-memory engine, an address asked exactly, the lookup offered
backend.add(searchModuleIntegratedOpsEngine);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// events between plugins and replicas (a bus on PostgreSQL; in memory on SQLite)
backend.add(import('@backstage/plugin-events-backend'));

// incident lookup, blast radius and coverage
backend.add(import('@integrated-ops/plugin-integrated-ops-backend'));
// on-call from PagerDuty / Opsgenie, each only once configured
// (integratedOps.pagerduty / integratedOps.opsgenie); YAML rotations otherwise
backend.add(
  import('@integrated-ops/plugin-integrated-ops-backend-module-pagerduty'),
);
backend.add(
  import('@integrated-ops/plugin-integrated-ops-backend-module-opsgenie'),
);
// change requests: intent -> policy -> approvals by the owning teams -> git
backend.add(import('@integrated-ops/plugin-ops-requests-backend'));
// connectivity: who can reach what, and why, from the infrastructure repository
backend.add(import('@integrated-ops/plugin-connectivity-backend'));
// security findings: scanner reports in, routed to owners with SLA due dates
backend.add(import('@integrated-ops/plugin-security-findings-backend'));
// GitHub code scanning and Dependabot alerts, with integrations.github's token.
backend.add(
  import('@integrated-ops/plugin-security-findings-backend-module-github'),
);

// scorecards: readiness per discipline from Tech Insights checks (config
// techInsights.factChecker.checks) over the portal's own facts
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
// The JSON rules engine over the checks (instead of the jsonfc module): a
// check reading a fact no retriever declares stops startup, naming it.
backend.add(
  import('@integrated-ops/plugin-tech-insights-backend-module-scorecards'),
);
backend.add(
  import('@integrated-ops/plugin-tech-insights-backend-module-integrated-ops'),
);
backend.add(
  import(
    '@integrated-ops/plugin-tech-insights-backend-module-security-findings'
  ),
);
backend.add(
  import('@integrated-ops/plugin-tech-insights-backend-module-connectivity'),
);
backend.add(
  import('@integrated-ops/plugin-tech-insights-backend-module-ops-requests'),
);
backend.add(import('@integrated-ops/plugin-scorecards-backend'));

// actions registry over MCP, for AI agents
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// A backend that cannot start (a required setting missing, a plugin that
// failed) must not stay up half-started: the HTTP server already listens.
backend.start().catch(error => {
  process.stderr.write(`Backend failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
