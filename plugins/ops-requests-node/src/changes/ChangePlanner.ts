import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Discipline } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ApprovingRole,
  ChangeIntent,
  ChangePlan,
  ChangeRequestFacts,
  describeAllowingRule,
  evaluatePolicy,
  ChangePolicy,
  invariantViolations,
  FlowEndpoint,
  NetworkAccessIntent,
  parseAddressRange,
  parsePorts,
  PortRule,
  RiskAcceptanceIntent,
  RiskFinding,
  SecurityControlsIntent,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  AllowingRule,
  connectivityEffect,
  ConnectivityEffect,
  EffectConnection,
  egressIsolated,
  flowOnMain,
} from '@integrated-ops/plugin-connectivity-node';
import { loadChangePolicy } from './loadChangePolicy';
import { invariantFlows } from './invariantFlows';
import { MainConnectivity } from './MainConnectivity';
import { renderRiskAcceptance } from '../render/riskAcceptance';
import {
  FlowSource,
  renderNetworkAccess,
  renderSecurityControls,
} from './renderChange';
import { TargetResolver } from './TargetResolver';

/**
 * Who is on call now for which team, as the incident lookup computes it.
 *
 * @public
 */
export interface OnCallDirectory {
  /** The first of `teamRefs` the user is on call for now, if any. */
  onCallFor(userRef: string, teamRefs: string[]): Promise<string | undefined>;
}

/**
 * The security findings, as the security-findings plugin answers them.
 *
 * @public
 */
export interface FindingDirectory {
  /**
   * One finding of the component, read with the requester's credentials;
   * undefined when the component has no such finding or the requester may
   * not read the component.
   */
  finding(
    entityRef: string,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<RiskFinding | undefined>;
}

/**
 * What planning needs besides the intent and the requester.
 *
 * @public
 */
export interface PlanContext {
  /** Break-glass grants the requester holds open now. */
  openEmergencies?: number;
}

/** When a rule's access ends (Infinity: never, or not said in a form read here). */
const ruleEnd = (rule: AllowingRule) => {
  const until = rule.expiresAt;
  if (!until || until === 'never') return Infinity;
  // A day lasts to its end; anything else must be an ISO instant.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(until)
    ? Date.parse(`${until}T23:59:59.999Z`)
    : Date.parse(until);
  return Number.isFinite(at) ? at : Infinity;
};

/**
 * Whether a request ending at `expiresAt` (never, when absent) ends later
 * than the flow it asks for: the flow lasts while both its sides do, each
 * side as long as its longest-lasting rule.
 */
const extendsExpiry = (rules: AllowingRule[], expiresAt?: string) => {
  if (!rules.length) return false;
  const end = expiresAt ? Date.parse(expiresAt) : Infinity;
  const sideEnd = (direction: AllowingRule['direction']) => {
    const ends = rules.filter(r => r.direction === direction).map(ruleEnd);
    // A side no rule names is open (not isolated): it never ends.
    return ends.length ? Math.max(...ends) : Infinity;
  };
  const flowEnd = Math.min(sideEnd('Egress'), sideEnd('Ingress'));
  return end > flowEnd;
};

/** Whether an effect's end (`ref` or `ref (range)`) is this entity. */
const isEnd = (end: string, entityRef?: string) =>
  !!entityRef && (end === entityRef || end.startsWith(`${entityRef} (`));

/** An address range outside the catalog as the source of a flow. */
const externalSource = (range: string): FlowSource => ({
  entityRef: range,
  name: `range-${range.replace(/[^0-9a-f]+/gi, '-').replace(/-+$/, '')}`,
  cidrs: [range],
  namespace: '',
});

const endpoint = (t: FlowSource): FlowEndpoint => ({
  entityRef: t.entityRef,
  cidrs: t.cidrs,
  zone: t.zone,
  lifecycle: t.lifecycle,
});

/** A port rule as connections say it: `TCP 5432`, `UDP 8080-8090`, `ICMP`. */
const describeConnectionPorts = (p: PortRule) =>
  p.protocol === 'icmp'
    ? 'ICMP'
    : `${p.protocol.toUpperCase()} ${
        p.from === p.to ? p.from : `${p.from}-${p.to}`
      }`;

const describePorts = (ports: PortRule[]) =>
  ports
    .map(p =>
      p.protocol === 'icmp'
        ? 'icmp'
        : `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}`,
    )
    .join(', ');

/**
 * Turns an intent into the change the backend will deliver: targets resolved
 * in the catalog with the requester's credentials, the change policy (read
 * from its file on every call) evaluated on what the catalog says, approvers
 * from the typed owners, and the change rendered. Nothing in the result comes
 * from the caller except the intent itself.
 *
 * @public
 */
export class ChangePlanner {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      policyFile: string;
      /** Who is on call now, for break-glass (absent: nobody may break glass). */
      onCall?: OnCallDirectory;
      /** main's network, for what a change does to it (absent: not computed). */
      connectivity?: MainConnectivity;
      /** The security findings, for risk acceptances (absent: none can be filed). */
      findings?: FindingDirectory;
      /**
       * The plugin's own credentials, for the facts connectivity invariants
       * judge (zones, data classes): not what the requester may read.
       * Absent, the requester's.
       */
      serviceCredentials?: () => Promise<BackstageCredentials>;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * `context.openEmergencies`: break-glass grants the requester holds open
   * (the store knows; the break-glass rules count them).
   */
  async plan(
    intent: ChangeIntent,
    requester: { userEntityRef: string; credentials: BackstageCredentials },
    context: PlanContext = {},
  ): Promise<ChangePlan> {
    this.assertFuture(intent);
    const resolver = new TargetResolver(
      this.options.catalog,
      requester.credentials,
    );
    switch (intent.kind) {
      case 'network-access':
        return this.networkAccess(intent, resolver, requester, context);
      case 'risk-acceptance':
        return this.riskAcceptance(intent, resolver, requester);
      default:
        return this.securityControls(intent, resolver);
    }
  }

  /**
   * For an emergency intent: the break-glass facts when the requester is on
   * call for one of the destination's owning teams; otherwise none, and a
   * note that it is filed as a normal request.
   */
  private async emergency(
    intent: NetworkAccessIntent,
    owners: Partial<Record<Discipline, string>>,
    requestedBy: string,
    openByRequester: number,
  ) {
    if (!intent.emergency) return {};
    const teams = [...new Set(Object.values(owners).filter(Boolean))];
    const onCallFor = await this.options.onCall?.onCallFor(requestedBy, teams);
    const expiresAt = new Date(
      this.now().getTime() + intent.emergency.durationMinutes * 60_000,
    ).toISOString();
    if (!onCallFor) {
      return {
        expiresAt,
        note: {
          rule: 'break-glass.on-call',
          passed: true,
          message: `not on call now for ${
            teams.join(', ') || 'an owning team'
          }: filed as a normal request for the owning teams to approve, ending ${expiresAt}`,
        },
      };
    }
    return {
      expiresAt,
      facts: {
        durationMinutes: intent.emergency.durationMinutes,
        openByRequester,
        onCallFor,
      },
    };
  }

  /**
   * The policy's connectivity invariants a network-access change would
   * break: judged on the flow as asked (always: firewall rules to hosts
   * outside the cluster are not in the NetworkPolicy model, and a remote
   * main may not be readable) and on the connections the change adds or
   * changes where main could be read. An effect cut at its limit is itself
   * a violation: what was not judged is not allowed.
   */
  private async invariantViolations(
    policy: ChangePolicy,
    asked: EffectConnection,
    effect: ConnectivityEffect | undefined,
    requesterCredentials: BackstageCredentials,
  ): Promise<string[]> {
    const { invariants = [] } = policy.spec.connectivity ?? {};
    if (!invariants.length) return [];
    const flows = await invariantFlows(
      {
        added: [...(effect?.added ?? []), asked],
        changed: effect?.changed ?? [],
      },
      this.options.catalog,
      (await this.options.serviceCredentials?.()) ?? requesterCredentials,
    );
    const found = [...new Set(invariantViolations(invariants, flows))];
    if (effect?.truncated) {
      found.push(
        'the change adds or changes more connections than could be judged: split it',
      );
    }
    return found;
  }

  private async networkAccess(
    intent: NetworkAccessIntent,
    resolver: TargetResolver,
    requester: { userEntityRef: string; credentials: BackstageCredentials },
    context: PlanContext,
  ): Promise<ChangePlan> {
    const requestedBy = requester.userEntityRef;
    let ports: PortRule[];
    try {
      ports = parsePorts(intent.ports);
    } catch (error) {
      throw new InputError(`ports: ${(error as Error).message}`);
    }
    const range = parseAddressRange(intent.source);
    const source: FlowSource = range
      ? externalSource(range)
      : await resolver.resolve(intent.source, 'source');
    const destination = await resolver.resolve(
      intent.destination,
      'destination',
    );
    const emergency = await this.emergency(
      intent,
      destination.owners,
      requestedBy,
      context.openEmergencies ?? 0,
    );
    const expiresAt = emergency.expiresAt ?? intent.expiresAt;
    const facts: ChangeRequestFacts = {
      kind: 'network-access',
      names: [`${source.name}-to-${destination.name}`],
      source: { ...endpoint(source), external: !!range },
      destination: endpoint(destination),
      ports,
      exposure: 'internal',
      dataClasses: destination.dataClasses.map(c => c.toLowerCase()),
      production: destination.production || !!source.production,
      expiresAt,
      owners: destination.owners,
      breakGlass: emergency.facts,
    };
    const network = await this.options.connectivity?.read(
      requester.credentials,
    );
    const files = renderNetworkAccess({
      source,
      destination,
      ports,
      justification: intent.justification,
      expiresAt,
      requestedBy,
      sourceEgressIsolated:
        !range && !!network && egressIsolated(network.estate, source.entityRef),
    });
    const ends = [
      { entityRef: range ? undefined : source.entityRef, cidrs: source.cidrs },
      { entityRef: destination.entityRef, cidrs: destination.cidrs },
    ];
    const connectivity = network && {
      ...connectivityEffect({
        main: network.main,
        catalog: network.catalog,
        estate: network.estate,
        change: files,
        ranges: ends.flatMap(e =>
          e.entityRef ? [{ entityRef: e.entityRef, cidrs: e.cidrs }] : [],
        ),
      }),
      alreadyAllowedBy:
        flowOnMain(
          network.estate,
          ends[0],
          ends[1],
          ports.map(p => ({ protocol: p.protocol, from: p.from!, to: p.to! })),
          // As renderNetworkAccess says it: by pods on one cluster only.
          {
            via:
              source.cluster && source.cluster === destination.cluster
                ? 'pods'
                : 'addresses',
          },
        )?.rules ?? [],
    };
    // One read of the policy judges both the invariants and the verdict:
    // a policy merged between two reads cannot split them.
    const policy = await loadChangePolicy(this.options.policyFile);
    // Without connectivity facts the invariants rule has nothing to judge.
    const judgesConnectivity = !!connectivity || !!this.options.connectivity;
    const violations = !judgesConnectivity
      ? []
      : await this.invariantViolations(
          policy,
          {
            from: range ?? source.entityRef,
            ...(range ? {} : { fromWorkload: source.entityRef }),
            to: destination.entityRef,
            toWorkload: destination.entityRef,
            before: '',
            after: ports.map(describeConnectionPorts).join(','),
            narrows: false,
          },
          connectivity,
          requester.credentials,
        );
    if (connectivity) {
      const rewritesFlow = Object.keys(files).some(
        path => network!.main.files[path] !== undefined,
      );
      facts.connectivity = {
        added: connectivity.added.length,
        removed: connectivity.removed.length,
        changed: connectivity.changed.length,
        alreadyAllowedBy:
          connectivity.alreadyAllowedBy.map(describeAllowingRule),
        extendsExpiry: extendsExpiry(connectivity.alreadyAllowedBy, expiresAt),
        // Only where this change rewrites the flow's files on main: a first
        // rule isolating a destination narrows "everything" by design.
        narrowsFlow: (rewritesFlow
          ? [...connectivity.removed, ...connectivity.changed]
          : []
        )
          .filter(
            c =>
              c.narrows &&
              isEnd(c.from, ends[0].entityRef) &&
              isEnd(c.to, ends[1].entityRef),
          )
          .map(c => `${c.before} becomes ${c.after || 'nothing'}`),
        violations,
        computed: true,
      };
    } else if (this.options.connectivity) {
      facts.connectivity = {
        added: 0,
        removed: 0,
        changed: 0,
        alreadyAllowedBy: [],
        extendsExpiry: false,
        narrowsFlow: [],
        violations,
        computed: false,
      };
    }
    const judged = await this.judge(
      facts,
      destination.entityRef,
      resolver,
      intent.applyAt,
      policy,
    );
    if (emergency.note) judged.policy.results.push(emergency.note);
    return {
      kind: 'network-access',
      title: `Network access: ${
        range ? `${range} (outside the catalog)` : source.entityRef
      } -> ${destination.entityRef} (${describePorts(ports)})`,
      description: intent.justification,
      targets: range
        ? [destination.entityRef]
        : [destination.entityRef, source.entityRef],
      ...judged,
      files,
      connectivity,
      expiresAt,
      applyAt: intent.applyAt,
      breakGlass:
        emergency.facts && judged.policy.passed
          ? {
              incident: intent.emergency!.incident,
              durationMinutes: emergency.facts.durationMinutes,
              onCallFor: emergency.facts.onCallFor,
              reviewDueAt: new Date(
                this.now().getTime() + judged.reviewWindowHours! * 3600_000,
              ).toISOString(),
              notify: judged.notify!,
              maxOpenPerPerson: judged.maxOpenPerPerson,
            }
          : undefined,
    };
  }

  private async securityControls(
    intent: SecurityControlsIntent,
    resolver: TargetResolver,
  ): Promise<ChangePlan> {
    const component = await resolver.resolve(intent.component, 'component');
    const facts: ChangeRequestFacts = {
      kind: 'security-controls',
      names: [component.name],
      exposure: intent.exposure,
      dataClasses: component.dataClasses.map(c => c.toLowerCase()),
      production: component.production,
      expiresAt: intent.expiresAt,
      controls: intent.controls,
      exceptions: intent.exceptions,
      owners: component.owners,
    };
    const judged = await this.judge(facts, component.entityRef, resolver);
    return {
      kind: 'security-controls',
      title: `Security controls for ${component.entityRef}`,
      description:
        intent.justification ??
        `Controls: ${intent.controls.join(', ') || 'none'}`,
      targets: [component.entityRef],
      ...judged,
      files: renderSecurityControls({
        component,
        intent,
        policyVersion: judged.policy.version,
      }),
      expiresAt: intent.expiresAt,
    };
  }

  private async riskAcceptance(
    intent: RiskAcceptanceIntent,
    resolver: TargetResolver,
    requester: { userEntityRef: string; credentials: BackstageCredentials },
  ): Promise<ChangePlan> {
    const component = await resolver.resolve(intent.component, 'component');
    const findings = this.options.findings;
    if (!findings) {
      throw new InputError(
        'risk acceptance needs the security-findings plugin, which this portal does not run',
      );
    }
    const finding = await findings.finding(
      component.entityRef,
      intent.finding,
      requester.credentials,
    );
    if (!finding) {
      throw new NotFoundError(
        `finding: ${component.entityRef} has no finding ${intent.finding} (or not one you may read)`,
      );
    }
    const facts: ChangeRequestFacts = {
      kind: 'risk-acceptance',
      names: [component.name],
      // What the catalog says of it: tagged internet-facing, SecOps approves.
      exposure: (component.entity.metadata.tags ?? []).includes(
        'internet-facing',
      )
        ? 'internet'
        : 'internal',
      dataClasses: component.dataClasses.map(c => c.toLowerCase()),
      production: component.production,
      expiresAt: intent.expiresAt,
      finding,
      owners: component.owners,
    };
    const judged = await this.judge(facts, component.entityRef, resolver);
    return {
      kind: 'risk-acceptance',
      // Scanner text, quoted and cut: it names the finding, it says nothing.
      title: `Risk acceptance: ${finding.severity} ${JSON.stringify(
        finding.title.slice(0, 120),
      )} on ${component.entityRef} until ${intent.expiresAt}`,
      description: intent.justification,
      targets: [component.entityRef],
      ...judged,
      files: renderRiskAcceptance({
        component,
        finding,
        justification: intent.justification,
        expiresAt: intent.expiresAt,
        requestedBy: requester.userEntityRef,
        policyVersion: judged.policy.version,
      }),
      expiresAt: intent.expiresAt,
    };
  }

  /**
   * The policy's verdict on the facts, and the teams that approve. With a
   * change calendar in the policy, the target's blast radius is read from
   * the catalog to the policy's depth, for the freeze rule.
   */
  private async judge(
    facts: ChangeRequestFacts,
    targetRef: string,
    resolver: TargetResolver,
    applyAt?: string,
    /** The policy already read for this request; read now when absent. */
    read?: ChangePolicy,
  ) {
    const policy = read ?? (await loadChangePolicy(this.options.policyFile));
    const calendar = policy.spec.changeCalendar;
    if (calendar) {
      facts.changeScope = {
        at: applyAt ?? this.now().toISOString(),
        planned: !!applyAt,
        entities: await resolver.changeScope(
          targetRef,
          calendar.blastRadiusDepth,
        ),
      };
    }
    const result = evaluatePolicy(policy, facts, this.now());
    const approvers: Partial<Record<ApprovingRole, string>> = {};
    for (const d of result.requiredApprovals) {
      const team =
        d === 'change-advisory' ? result.changeAdvisory : facts.owners[d];
      if (team) approvers[d] = team;
    }
    return {
      policy: {
        version: `${result.policy.name}@${result.policy.version}`,
        passed: result.passed,
        results: result.results,
      },
      requiredApprovals: result.requiredApprovals,
      approvers,
      reviewWindowHours: policy.spec.breakGlass?.reviewWindowHours,
      notify: policy.spec.breakGlass?.notify,
      maxOpenPerPerson: policy.spec.breakGlass?.maxOpenPerPerson,
    };
  }

  /** Every date in the intent lies ahead: an expiry in the past grants nothing. */
  private assertFuture(intent: ChangeIntent) {
    const now = this.now().getTime();
    const dates: [string, string | undefined][] = [
      ['expiresAt', intent.expiresAt],
      ...(intent.kind === 'network-access'
        ? ([['applyAt', intent.applyAt]] as [string, string | undefined][])
        : []),
      ...(intent.kind === 'security-controls'
        ? intent.exceptions.map(
            (e, i) =>
              [`exceptions.${i}.expiresAt`, e.expiresAt] as [
                string,
                string | undefined,
              ],
          )
        : []),
    ];
    for (const [field, date] of dates) {
      if (date && Date.parse(date) <= now) {
        throw new InputError(`${field}: ${date} is not in the future`);
      }
    }
  }
}
