import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DISCIPLINE_TITLES,
  Discipline,
  EntityPageRequest,
  EscalationPageRequest,
  Page,
  PageRequest,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Pager } from '@integrated-ops/plugin-integrated-ops-node';
import { randomUUID } from 'node:crypto';
import {
  AnswerOptions,
  buildOwnershipAnswer,
  escalationStep,
  teamOnCall,
} from '../answer/buildOwnershipAnswer';
import { classifyQuery } from '../index/classifyQuery';
import { rankMatches } from '../index/findMatches';
import { person } from '../answer/person';
import { CanRead } from '../index/canRead';
import { mayRespondFor } from '../onCall/mayRespondFor';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { PageStore, PagingLimits, StoredPage } from './PageStore';

export interface PagingServiceOptions {
  store: PageStore;
  pagers: Pager[];
  notifications: NotificationService;
  logger: LoggerService;
  limits: PagingLimits;
  /** The portal's frontend, for the link vendors show. */
  appBaseUrl: string;
  /** How long a vendor may take to take a page or say where it stands. */
  vendorTimeoutMs?: number;
  /** A vendor is asked where a page stands at most this often. */
  checkEveryMs?: number;
  /** As the lookup answers: vendor on-call, the no-owner escalation team. */
  answerOptions: AnswerOptions;
}

/** How long a vendor may have no incident for a page before the portal takes it back. */
const VENDOR_GRACE_MS = 2 * 60_000;

/** The promise, or a rejection once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${ms} ms`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A caller's text as one plain line: control characters (NUL, which
 * PostgreSQL refuses in text; terminal escapes) become spaces.
 */
const plainLine = (text: string) =>
  text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\p{Cf}+/gu, '')
    .trim();

/**
 * What an escalated query names, however it was written: an address with
 * or without a port or scheme, a hostname with or without its trailing
 * dot, a name in any case or Unicode form - one open page per subject.
 */
function escalationSubject(query: string): string {
  const q = classifyQuery(query.normalize('NFKC'));
  switch (q.kind) {
    case 'ip':
      return `ip:${q.address}`;
    case 'cidr':
      return `cidr:${q.cidr}`;
    case 'url':
    case 'hostname':
      return `host:${q.hostname}`;
    case 'ref':
      return `ref:${q.ref}`;
    default:
      return `name:${q.name}`;
  }
}

/** The page's path in the portal's frontend (the lookup page shows it). */
export const pagePath = (id: string) =>
  `/ops-lookup?page=${encodeURIComponent(id)}`;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Paging from a lookup answer. The team, who is on call and the route are
 * decided here from the index, never taken from the request: the request
 * names only the entity and the discipline. A discipline without a team to
 * page pages the configured no-owner escalation team, as the answer says.
 */
export class PagingService {
  constructor(private readonly options: PagingServiceOptions) {}

  async page(
    index: OwnershipIndex,
    request: PageRequest,
    caller: { userRef: string; canRead: CanRead },
    at: Date,
  ): Promise<Page> {
    const decided =
      'escalation' in request
        ? this.#escalation(index, request, caller.canRead, at)
        : this.#owners(index, request, caller.canRead, at);
    const { page, repeated } = await this.options.store.open(
      {
        id: randomUUID(),
        ...decided,
        note: plainLine(request.note ?? '') || undefined,
        pagedBy: caller.userRef,
        pagedAt: at.toISOString(),
        route: 'notification',
      },
      this.options.limits,
    );
    const sent = repeated ? page : await this.#send(index, page, at);
    return this.#view(index, sent, caller.userRef, at, repeated);
  }

  /** The discipline's team of the entity, or the no-owner escalation team, as the answer says. */
  #owners(
    index: OwnershipIndex,
    request: EntityPageRequest,
    canRead: CanRead,
    at: Date,
  ) {
    const entityRef = lower(request.entityRef);
    const entity = index.entity(entityRef);
    if (!entity || !canRead(entityRef)) {
      throw new NotFoundError(`No entity ${request.entityRef} in the catalog`);
    }
    const discipline = request.discipline as Discipline;
    const answer = buildOwnershipAnswer(
      index,
      entityRef,
      at,
      this.options.answerOptions,
      'full',
    );
    const owner = answer.owners[discipline];
    const hasSomeone = owner.onCall.some(s => s.person);
    const team =
      owner.team && (hasSomeone || !owner.noOwner?.escalateTo)
        ? { ref: owner.team.ref, title: owner.team.title }
        : owner.noOwner?.escalateTo && {
            ref: owner.noOwner.escalateTo.team,
            title: owner.noOwner.escalateTo.title,
          };
    if (!team) {
      throw new InputError(
        `Nobody to page for ${DISCIPLINE_TITLES[discipline]} of ${entityRef}: no team, and no integratedOps.lookup.noOwnerEscalation`,
      );
    }
    return {
      entityRef,
      entityTitle: answer.entity.title,
      discipline,
      team: team.ref,
      teamTitle: team.title,
      query: plainLine(request.query ?? entityRef).slice(0, 512),
    };
  }

  /**
   * The configured incident escalation team, for a query that matches
   * nothing the caller may read (looked up again here: a query that
   * matches pages its owners instead).
   */
  #escalation(
    index: OwnershipIndex,
    request: EscalationPageRequest,
    canRead: CanRead,
    at: Date,
  ) {
    const query = plainLine(request.query).slice(0, 512);
    if (!query) throw new InputError('Say what was looked up: query is empty');
    const { candidates } = rankMatches(index, classifyQuery(query), canRead);
    if (candidates.length) {
      const { entityRef } = candidates[0];
      const title = index.entity(entityRef)?.metadata.title ?? entityRef;
      throw new ConflictError(
        `"${query}" matches ${title} in the catalog: page its owners from its answer`,
      );
    }
    const { noOwnerEscalation, providers } = this.options.answerOptions;
    const step =
      noOwnerEscalation &&
      escalationStep(index, lower(noOwnerEscalation), 1, at, providers);
    if (!step) {
      // The portal's configuration, not the caller's request.
      throw new ServiceUnavailableError(
        `No incident escalation to page: integratedOps.lookup.noOwnerEscalation ${
          noOwnerEscalation
            ? `names ${noOwnerEscalation}, not in the catalog`
            : 'is not set'
        }`,
      );
    }
    return {
      entityRef: step.team,
      entityTitle: step.title,
      escalation: true,
      team: step.team,
      teamTitle: step.title,
      query,
      subject: escalationSubject(query),
    };
  }

  async get(
    index: OwnershipIndex,
    id: string,
    userRef: string,
    canRead: CanRead,
    at: Date,
  ): Promise<Page> {
    let page = await this.#find(id, canRead);
    if (page.route !== 'notification' && page.state === 'triggered') {
      page = await this.#readBack(index, page, at);
    }
    return this.#view(index, page, userRef, at);
  }

  async acknowledge(
    index: OwnershipIndex,
    id: string,
    userRef: string,
    canRead: CanRead,
    at: Date,
  ): Promise<Page> {
    const page = await this.#find(id, canRead);
    if (page.route !== 'notification') {
      throw new ConflictError(
        `This page went to ${page.route}: acknowledge it there`,
      );
    }
    if (page.state === 'sending') {
      throw new ConflictError('This page is still being delivered');
    }
    if (page.state !== 'triggered') return this.#view(index, page, userRef, at);
    if (!this.#mayAcknowledge(index, page, userRef, at)) {
      throw new NotAllowedError(
        `Only members of ${page.teamTitle} and whoever is on call for it acknowledge this page`,
      );
    }
    const settled = await this.options.store.settle(
      id,
      'acknowledged',
      { ref: userRef },
      at.toISOString(),
    );
    return this.#view(index, settled, userRef, at);
  }

  async #find(id: string, canRead: CanRead): Promise<StoredPage> {
    const page = await this.options.store.get(id);
    // Someone else's page of an entity the caller may not read: not found.
    if (!page || !canRead(page.entityRef)) {
      throw new NotFoundError(`No page ${id}`);
    }
    return page;
  }

  /**
   * The Backstage notification and the team's vendor service at once, each
   * bounded by `vendorTimeoutMs`. A page that reached nobody (no vendor
   * took it, and the notification failed or went to nobody) is failed.
   */
  async #send(
    index: OwnershipIndex,
    page: StoredPage,
    at: Date,
  ): Promise<StoredPage> {
    const onCall =
      teamOnCall(index, page.team, at, this.options.answerOptions.providers)
        ?.onCall ?? [];
    const people = [
      ...new Set(onCall.flatMap(s => (s.person ? [s.person.ref] : []))),
    ];
    const members = index.members.get(page.team) ?? [];
    const who = person(index, page.pagedBy).name;
    const what = page.discipline
      ? `${page.entityTitle} (${DISCIPLINE_TITLES[page.discipline]})`
      : `"${page.query}" matched nothing in the catalog - incident escalation`;
    const summary = `Paged by ${who}: ${what}${
      page.note ? ` - ${page.note}` : ''
    }`;
    const [notified, vendor] = await Promise.all([
      this.#notify(page, summary, [...people, page.team]),
      this.#page(index, page, summary),
    ]);
    const reachedInPortal =
      notified.sent && (people.length > 0 || members.length > 0);
    const said = [
      notified.sent
        ? `Notified in the portal: ${people.length} on call and ${page.teamTitle} (${members.length} members)`
        : 'The portal notification failed (see the backend log)',
      ...vendor.said,
    ];
    if (!reachedInPortal && !vendor.taken) {
      said.push('Nobody was reached: call the escalation path');
    }
    return this.options.store.delivered(page.id, {
      delivery: said.join('; '),
      notified: notified.sent ? [...people, page.team] : [],
      reached: reachedInPortal || !!vendor.taken,
      ...(vendor.taken
        ? { vendorKey: vendor.taken.key, route: vendor.taken.route }
        : {}),
    });
  }

  async #notify(page: StoredPage, summary: string, recipients: string[]) {
    const { notifications, logger } = this.options;
    try {
      await withTimeout(
        notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: summary.slice(0, 200),
            description: `${page.teamTitle}: the person paging said they looked up "${page.query}". Open the page to acknowledge it.`,
            link: pagePath(page.id),
            severity: 'critical',
            topic: 'integrated-ops.page',
            scope: `integrated-ops.page.${page.id}`,
          },
        }),
        this.options.vendorTimeoutMs ?? 5000,
      );
      return { sent: true };
    } catch (error) {
      logger.error(`Page ${page.id}: notification failed`, error as Error);
      return { sent: false };
    }
  }

  /** The first pager whose team service takes the page. */
  async #page(index: OwnershipIndex, page: StoredPage, summary: string) {
    const team = index.entity(page.team);
    const said: string[] = [];
    for (const pager of team ? this.options.pagers : []) {
      try {
        const done = await pager.page(
          team!,
          {
            id: page.id,
            summary,
            query: page.query,
            entityRef: page.entityRef,
            discipline: page.discipline,
            teamRef: page.team,
            pagedBy: page.pagedBy,
            note: page.note,
            link: `${this.options.appBaseUrl}${pagePath(page.id)}`,
          },
          AbortSignal.timeout(this.options.vendorTimeoutMs ?? 5000),
        );
        if (done) {
          said.push(done.said);
          return { said, taken: { route: pager.id, key: done.key } };
        }
      } catch (error) {
        said.push(`${pager.title} failed: ${(error as Error).message}`);
      }
    }
    return { said, taken: undefined };
  }

  /**
   * Asks the vendor where a page stands, at most every `checkEveryMs` (one
   * reader claims each check). A vendor with no incident for the page after
   * `VENDOR_GRACE_MS` hands it to the portal, where it can be acknowledged.
   */
  async #readBack(
    index: OwnershipIndex,
    page: StoredPage,
    at: Date,
  ): Promise<StoredPage> {
    const { store, pagers, logger } = this.options;
    const every = this.options.checkEveryMs ?? 10_000;
    const pager = pagers.find(p => p.id === page.route);
    const team = index.entity(page.team);
    if (!pager || !team || !page.vendorKey) return page;
    const before = new Date(at.getTime() - every).toISOString();
    if (!(await store.claimCheck(page.id, at.toISOString(), before))) {
      return page;
    }
    try {
      const state = await pager.pageState(
        team,
        page.vendorKey,
        AbortSignal.timeout(this.options.vendorTimeoutMs ?? 5000),
      );
      if (!state) {
        const waited = at.getTime() - Date.parse(page.pagedAt);
        return waited < VENDOR_GRACE_MS
          ? page
          : store.toPortal(
              page.id,
              `${pager.title} has no incident for it after ${
                VENDOR_GRACE_MS / 60_000
              } minutes: acknowledge it in the portal`,
            );
      }
      if (state.state !== 'triggered') {
        const by = state.acknowledgedBy;
        const ref = by?.email
          ? index.usersByEmail.get(lower(by.email))
          : undefined;
        return store.settle(
          page.id,
          state.state,
          { ref, name: ref ? undefined : by?.name },
          state.acknowledgedAt ?? at.toISOString(),
        );
      }
    } catch (error) {
      logger.warn(
        `Page ${page.id}: ${pager.title} could not say where it stands: ${
          (error as Error).message
        }`,
      );
    }
    return page;
  }

  #mayAcknowledge(
    index: OwnershipIndex,
    page: StoredPage,
    userRef: string,
    at: Date,
  ): boolean {
    return mayRespondFor(
      index,
      page.team,
      userRef,
      at,
      this.options.answerOptions.providers,
    );
  }

  #view(
    index: OwnershipIndex,
    page: StoredPage,
    userRef: string,
    at: Date,
    repeated = false,
  ): Page {
    const { vendorKey: _key, checkedAt: _checked, ...shown } = page;
    return {
      ...shown,
      ...(repeated ? { repeated } : {}),
      canAcknowledge:
        page.route === 'notification' &&
        page.state === 'triggered' &&
        this.#mayAcknowledge(index, page, userRef, at),
    } as Page;
  }
}
