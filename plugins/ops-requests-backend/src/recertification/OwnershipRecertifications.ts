import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import {
  Discipline,
  DISCIPLINE_TITLES,
  lowerRef,
  parseOpsTeam,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequest,
  judgeOwnerTeams,
  OwnershipRecertification,
  RecertificationReport,
} from '@integrated-ops/plugin-ops-requests-common';
import { loadChangePolicy } from '@integrated-ops/plugin-ops-requests-node';
import { newRequestId } from '../requests/NamespaceBaselines';
import { RequestStore } from '../requests/RequestStore';
import { readDeclarations } from './declarations';
import { recertificationStatus } from './recertificationStatus';

const PORTAL = 'ops-requests:portal';
export const RECERTIFICATION = 'ownership-recertification';

type Notify = (
  recipients: string[],
  payload: { title: string; description: string; link: string },
) => Promise<void>;

/**
 * Ownership re-certification through the change-request machinery: per
 * declaration of a typed owner (an entity, or the System / Domain its
 * entities inherit from), the owning team is sent a request to confirm (its
 * approval) or hand over to another team, which accepts (its approval) or
 * refuses (its rejection: the first team is asked again). Nothing is merged:
 * the catalog stays the source of truth, so an accepted hand-over tells the
 * teams to change spec.opsOwners, and the report shows it until they do.
 */
export class OwnershipRecertifications {
  constructor(
    private readonly options: {
      store: RequestStore;
      catalog: CatalogService;
      auth: AuthService;
      policyFile: string;
      logger: LoggerService;
      notify: Notify;
      now: () => Date;
    },
  ) {}

  async #policy() {
    const policy = await loadChangePolicy(this.options.policyFile);
    return { policy, recert: policy.spec.ownershipRecertification };
  }

  async report(): Promise<RecertificationReport> {
    const { recert } = await this.#policy();
    if (!recert) return { items: [] };
    const { catalog, auth, store, now } = this.options;
    const [declarations, requests] = await Promise.all([
      readDeclarations(catalog, auth),
      store.recertifications(),
    ]);
    return {
      periodDays: recert.periodDays,
      items: recertificationStatus(
        declarations,
        requests,
        now(),
        recert.periodDays,
      ),
    };
  }

  /** Asks each owning team whose declaration is due; returns the requests filed. */
  async fileDue(): Promise<string[]> {
    const report = await this.report();
    const filed: string[] = [];
    for (const item of report.items.filter(i => i.state === 'due')) {
      const request = await this.#file({
        declaredOn: item.declaredOn,
        discipline: item.discipline,
        team: item.team,
        entities: item.entities,
      });
      filed.push(request.id);
    }
    return filed;
  }

  async #file(
    recertification: OwnershipRecertification,
    why?: string,
  ): Promise<ChangeRequest> {
    const { policy, recert } = await this.#policy();
    const at = this.options.now();
    const requestedAt = at.toISOString();
    const { declaredOn, discipline, team, entities, handOverFrom } =
      recertification;
    const title = `${
      handOverFrom ? 'Accept ownership' : 'Confirm ownership'
    }: ${declaredOn} (${DISCIPLINE_TITLES[discipline]})`;
    const description = [
      handOverFrom
        ? `${handOverFrom} hands ${DISCIPLINE_TITLES[discipline]} ownership of ${declaredOn} over to ${team}.`
        : `The catalog names ${team} the ${DISCIPLINE_TITLES[discipline]} owner of ${declaredOn}.`,
      `${entities} entit${
        entities === 1 ? 'y owns' : 'ies own'
      } through this declaration.`,
      handOverFrom
        ? 'Approve to accept it, reject to refuse.'
        : 'Approve to confirm, or hand it over to the team that owns it now.',
      why ?? '',
    ]
      .filter(Boolean)
      .join(' ');
    const request = await this.options.store.create({
      id: newRequestId(requestedAt),
      kind: RECERTIFICATION,
      title,
      description,
      targets: [declaredOn],
      // A re-certification changes nothing in git.
      change: {
        provider: 'local',
        repository: '',
        branch: '',
        commit: '',
        url: '',
        files: {},
      },
      policy: {
        version: `${policy.metadata.name}@${policy.metadata.version}`,
        results: [],
      },
      requiredApprovals: [discipline],
      approvers: { [discipline]: team },
      expiresAt: new Date(
        at.getTime() + (recert?.answerWithinDays ?? 14) * 86_400_000,
      ).toISOString(),
      requestedBy: PORTAL,
      requestedAt,
      recertification,
    });
    await this.options.notify([team], {
      title,
      description,
      link: `/ops-requests/${request.id}`,
    });
    return request;
  }

  /**
   * The asked team passes the declaration to another team: this request is
   * handed over, and the other team gets an offer to accept or refuse.
   */
  async handOver(
    request: ChangeRequest,
    actor: string,
    to: string,
    comment?: string,
  ): Promise<ChangeRequest> {
    const recert = request.recertification;
    if (request.kind !== RECERTIFICATION || !recert) {
      throw new InputError(`${request.id} is no ownership re-certification`);
    }
    if (recert.handOverFrom) {
      throw new InputError(
        `${request.id} is a hand-over offer: accept (approve) or refuse (reject) it`,
      );
    }
    const target = tryNormalizeEntityRef(to, { defaultKind: 'group' });
    if (!target || !target.startsWith('group:')) {
      throw new InputError(
        `hand over to a group, e.g. group:default/netops-dc; got "${to}"`,
      );
    }
    if (target === lowerRef(recert.team)) {
      throw new InputError(`${target} already owns it: approve to confirm`);
    }
    const { catalog, auth } = this.options;
    const group = await catalog.getEntityByRef(target, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!group) throw new InputError(`no group ${target} in the catalog`);
    await this.#assertMayOwn(target, group, recert.discipline);
    if (request.state !== 'pending') {
      throw new ConflictError(`${request.id} is ${request.state}`);
    }
    const handed = await this.options.store.transition({
      id: request.id,
      from: ['pending'],
      to: 'handed-over',
      action: 'handed-over',
      actor: lowerRef(actor),
      at: this.options.now().toISOString(),
      reason: `to ${target}${comment ? `: ${comment}` : ''}`,
    });
    await this.#file(
      { ...recert, team: target, handOverFrom: recert.team },
      comment ? `${actor}: ${comment}` : undefined,
    );
    return handed;
  }

  /**
   * A declaration goes only to a team the change policy lets own its
   * discipline (the owner-discipline rule, on the group as the catalog
   * describes it): never to a product team for NetOps, say.
   */
  async #assertMayOwn(target: string, group: Entity, discipline: Discipline) {
    const team = parseOpsTeam(group);
    const policy = await loadChangePolicy(this.options.policyFile);
    const judged = judgeOwnerTeams(policy, {
      [discipline]: {
        ref: target,
        isGroup: true,
        ...(team.ok && team.value?.discipline
          ? { discipline: team.value.discipline }
          : {}),
      },
    });
    if (!judged.passed) {
      throw new InputError(
        `hand over to a team that may own it: ${judged.message}`,
      );
    }
  }

  /** Every approval is in: confirmed, or the hand-over accepted. Nothing to merge. */
  async completed(request: ChangeRequest): Promise<ChangeRequest> {
    const recert = request.recertification!;
    const applied = await this.options.store.transition({
      id: request.id,
      from: ['approved'],
      to: 'applied',
      action: recert.handOverFrom ? 'handover-accepted' : 'ownership-confirmed',
      actor: PORTAL,
      at: this.options.now().toISOString(),
      reason: recert.handOverFrom
        ? `${recert.team} accepted; set spec.opsOwners.${recert.discipline} on ${recert.declaredOn} to ${recert.team} in the catalog`
        : `${recert.team} confirmed it owns ${recert.declaredOn}`,
    });
    if (recert.handOverFrom) {
      await this.options.notify([recert.handOverFrom, recert.team], {
        title: `Hand-over accepted: ${recert.declaredOn} (${
          DISCIPLINE_TITLES[recert.discipline]
        })`,
        description: `${recert.team} accepted. Change spec.opsOwners.${recert.discipline} on ${recert.declaredOn} to ${recert.team} in its catalog file; until then the coverage report shows the hand-over as not in the catalog.`,
        link: `/ops-requests/${request.id}`,
      });
    }
    return applied;
  }

  /** A hand-over offer was refused: the team that offered it is asked again. */
  async refused(request: ChangeRequest, reason: string): Promise<void> {
    const recert = request.recertification;
    if (!recert?.handOverFrom) return;
    await this.#file(
      {
        declaredOn: recert.declaredOn,
        discipline: recert.discipline,
        team: recert.handOverFrom,
        entities: recert.entities,
      },
      `${recert.team} refused the hand-over: ${reason}`,
    );
  }
}
