import { Config } from '@backstage/config';
import { DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import {
  DISCIPLINES,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';
import { teamOnCall } from '../answer/buildOwnershipAnswer';
import { readsEverything } from '../index/canRead';
import { IncidentService } from '../incidents/IncidentService';
import { IncidentStore } from '../incidents/IncidentStore';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { playSampleAlerts, readSampleScenario } from './sampleAlerts';

const READY_POLL_MS = 5000;
const READY_DEADLINE_MS = 15 * 60_000;

/**
 * `integratedOps.alerts.sampleAlerts` ({ file, token, enabled }): reads the
 * scenario now (a bad one stops start) and gives the function that plays it
 * once the backend listens and the index has every entity the alerts name.
 * Played once per database. Undefined when not configured or disabled.
 */
export async function sampleAlertsPlayer(
  config: Config,
  deps: {
    discovery: DiscoveryService;
    logger: LoggerService;
    indexService: OwnershipIndexService;
    incidents: IncidentService;
    incidentStore: IncidentStore;
    providers?: ProviderOnCallCache;
  },
): Promise<(() => Promise<void>) | undefined> {
  const section = config.getOptionalConfig('integratedOps.alerts.sampleAlerts');
  if (!section || section.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const steps = await readSampleScenario(section.getString('file'));
  const token = section.getString('token');
  const { logger, indexService, incidents, incidentStore } = deps;
  const named = steps.flatMap(s =>
    'fire' in s && s.fire.labels.backstage_entity
      ? [s.fire.labels.backstage_entity]
      : [],
  );

  return async () => {
    if (await incidentStore.hasFingerprintPrefix('sample-')) {
      logger.info('Sample alerts: played on an earlier start, not again');
      return;
    }
    const deadline = Date.now() + READY_DEADLINE_MS;
    // The index is not built yet (503) until the catalog was read once, and
    // inherited owners arrive a processing pass after their System: until
    // then an alert would go to the spec.owner fallback.
    const ready = () => {
      try {
        const index = indexService.current();
        return named.every(ref => {
          const entity = index.entity(ref);
          if (!entity) return false;
          const owners = readEffectiveOwners(entity);
          return DISCIPLINES.every(d => owners[d].source !== 'fallback');
        });
      } catch {
        return false;
      }
    };
    while (!ready()) {
      if (Date.now() > deadline) {
        logger.warn(
          `Sample alerts not played: the catalog has not got ${named.join(
            ', ',
          )}`,
        );
        return;
      }
      await new Promise(r => setTimeout(r, READY_POLL_MS));
    }
    const url = `${await deps.discovery.getBaseUrl(
      'integrated-ops',
    )}/alerts/alertmanager`;
    const done = await playSampleAlerts({
      steps,
      logger,
      async post(body) {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
        const answer = await res.json();
        return Object.fromEntries(
          (answer.results as { fingerprint: string; incident?: string }[])
            .filter(r => r.incident)
            .map(r => [r.fingerprint, r.incident!]),
        );
      },
      async acknowledge(id) {
        const index = indexService.current();
        const at = new Date();
        const incident = await incidentStore.get(id);
        const team = incident?.team;
        if (!team) return 'not acknowledged: no owning team';
        const person =
          teamOnCall(index, team, at, deps.providers)?.onCall.find(
            s => s.person,
          )?.person?.ref ?? index.members.get(team)?.[0];
        if (!person) return `not acknowledged: nobody answers for ${team}`;
        await incidents.acknowledge(index, id, person, readsEverything, at);
        return `acknowledged by ${person} (on call for ${team})`;
      },
    });
    logger.info(`Sample alerts: ${done} of ${steps.length} steps played`);
  };
}
