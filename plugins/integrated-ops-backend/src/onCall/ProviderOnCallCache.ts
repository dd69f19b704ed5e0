import { LoggerService } from '@backstage/backend-plugin-api';
import {
  OnCallProvider,
  ProviderEscalationPolicy,
  ProviderShift,
} from '@integrated-ops/plugin-integrated-ops-node';
import pLimit from 'p-limit';
import { OwnershipIndex } from '../index/OwnershipIndex';

/** What the portal last heard from a vendor about one schedule or policy. */
export interface Cached<T> {
  value?: T;
  fetchedAt?: Date;
  /** Set while the vendor fails; `since` is the first failure in a row. */
  failure?: { since: Date; message: string };
}

export interface ProviderOnCallCacheOptions {
  providers: OnCallProvider[];
  logger: LoggerService;
  /** Per vendor call. */
  timeoutMs: number;
  /** Vendor calls in flight at once. */
  concurrency?: number;
  now?: () => Date;
}

const key = (provider: string, id: string) => `${provider}\u0000${id}`;

/**
 * Vendor on-call answers for every schedule and escalation policy the teams
 * in the index point at, fetched on a schedule (never on a request) and kept
 * with their age. A failing vendor keeps its last good answer out of the
 * way: answers fall back to YAML and say since when the vendor fails.
 */
export class ProviderOnCallCache {
  readonly #providers: Map<string, OnCallProvider>;
  readonly #logger: LoggerService;
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #now: () => Date;
  readonly #shifts = new Map<string, Cached<ProviderShift>>();
  readonly #policies = new Map<string, Cached<ProviderEscalationPolicy>>();
  #primed = false;

  constructor(options: ProviderOnCallCacheOptions) {
    this.#providers = new Map(options.providers.map(p => [p.id, p]));
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs;
    this.#concurrency = options.concurrency ?? 8;
    this.#now = options.now ?? (() => new Date());
  }

  get enabled(): boolean {
    return this.#providers.size > 0;
  }

  /** Whether a refresh has run over an index with teams in it. */
  get primed(): boolean {
    return this.#primed;
  }

  provider(id: string): OnCallProvider | undefined {
    return this.#providers.get(id);
  }

  /** The schedules (by provider) a team points at: annotations and rotations' `from`. */
  schedulesOf(index: OwnershipIndex, teamRef: string) {
    const out: { provider: string; schedule: string }[] = [];
    const team = index.entity(teamRef);
    if (!team) return out;
    for (const p of this.#providers.values()) {
      for (const schedule of p.references(team).schedules) {
        out.push({ provider: p.id, schedule });
      }
    }
    for (const rotation of index.teams.get(teamRef)?.onCall ?? []) {
      if (rotation.from) out.push(rotation.from);
    }
    return out;
  }

  policiesOf(index: OwnershipIndex, teamRef: string) {
    const team = index.entity(teamRef);
    if (!team) return [];
    return [...this.#providers.values()].flatMap(p =>
      p.escalationPolicy
        ? p.references(team).escalationPolicies.map(id => ({
            provider: p.id,
            id,
          }))
        : [],
    );
  }

  shift(provider: string, schedule: string): Cached<ProviderShift> {
    return (
      this.#shifts.get(key(provider, schedule)) ??
      this.#missing(provider, 'schedule', schedule)
    );
  }

  policy(provider: string, id: string): Cached<ProviderEscalationPolicy> {
    return (
      this.#policies.get(key(provider, id)) ??
      this.#missing(provider, 'escalation policy', id)
    );
  }

  #missing<T>(provider: string, what: string, id: string): Cached<T> {
    const message = this.#providers.has(provider)
      ? `${what} ${id} has not been fetched yet`
      : `no on-call provider "${provider}" is installed`;
    return { failure: { since: this.#now(), message } };
  }

  /** Fetches everything the index's teams point at; forgets what nobody points at any more. */
  async refresh(index: OwnershipIndex): Promise<void> {
    if (!this.enabled) return;
    const schedules = new Map<string, { provider: string; schedule: string }>();
    const policies = new Map<string, { provider: string; id: string }>();
    for (const teamRef of this.#teamRefs(index)) {
      for (const s of this.schedulesOf(index, teamRef)) {
        if (this.#providers.has(s.provider)) {
          schedules.set(key(s.provider, s.schedule), s);
        }
      }
      for (const p of this.policiesOf(index, teamRef)) {
        policies.set(key(p.provider, p.id), p);
      }
    }
    if (index.teams.size) this.#primed = true;
    const at = this.#now();
    const jobs = [
      ...[...schedules].map(
        ([k, s]) =>
          () =>
            this.#fetch(
              this.#shifts,
              k,
              s.provider,
              `schedule ${s.schedule}`,
              signal =>
                this.#providers.get(s.provider)!.shift(s.schedule, at, signal),
            ),
      ),
      ...[...policies].map(
        ([k, p]) =>
          () =>
            this.#fetch(
              this.#policies,
              k,
              p.provider,
              `escalation policy ${p.id}`,
              signal =>
                this.#providers.get(p.provider)!.escalationPolicy!(
                  p.id,
                  at,
                  signal,
                ),
            ),
      ),
    ];
    const limit = pLimit(this.#concurrency);
    await Promise.all(jobs.map(job => limit(job)));
    for (const k of this.#shifts.keys()) {
      if (!schedules.has(k)) this.#shifts.delete(k);
    }
    for (const k of this.#policies.keys()) {
      if (!policies.has(k)) this.#policies.delete(k);
    }
  }

  *#teamRefs(index: OwnershipIndex): Iterable<string> {
    for (const [ref, entity] of index.entities) {
      if (entity.kind.toLocaleLowerCase('en-US') === 'group') yield ref;
    }
  }

  async #fetch<T>(
    store: Map<string, Cached<T>>,
    k: string,
    provider: string,
    what: string,
    call: (signal: AbortSignal) => Promise<T>,
  ) {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const before = store.get(k);
    try {
      // A provider that ignores the signal is not waited for either.
      const value = await Promise.race([
        call(signal),
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
      ]);
      store.set(k, { value, fetchedAt: this.#now() });
    } catch (e) {
      const message = `${what}: ${
        signal.aborted
          ? `${this.#providers.get(provider)!.title} timed out after ${
              this.#timeoutMs
            } ms`
          : (e as Error).message
      }`;
      if (!before?.failure) {
        this.#logger.warn(`On-call provider ${provider}: ${message}`);
      }
      // The last good answer stays for its names; answers do not use it.
      store.set(k, {
        ...before,
        failure: { since: before?.failure?.since ?? this.#now(), message },
      });
    }
  }
}
