import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import {
  Head,
  HistoryEntry,
  OwnershipHistoryStore,
} from './OwnershipHistoryStore';
import { ownershipSnapshot, REMOVED, Snapshot } from './ownershipSnapshot';

/** What the index just took in. `complete`: every entity (a rebuild), so the absent ones are gone. */
export interface IndexedChanges {
  upserted: Entity[];
  removed: string[];
  complete: boolean;
  at: Date;
}

/** Tries per change when other replicas keep appending first. */
const ATTEMPTS = 3;

/**
 * Turns what the index takes in into history entries: a new entry only when
 * an entity's snapshot differs from its newest entry. Keeps the newest
 * fingerprint per ref in memory (read once from the database); when another
 * replica appended first, reads the refs again and goes on from there.
 * Calls run one at a time; a failure is logged and the next rebuild or
 * change catches up.
 */
export class OwnershipHistoryRecorder {
  #heads?: Map<string, Head>;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: OwnershipHistoryStore,
    private readonly logger: LoggerService,
  ) {}

  record(changes: IndexedChanges): Promise<void> {
    this.#queue = this.#queue
      .then(() => this.#record(changes))
      .catch(error => {
        // The cache may be behind the database now: read it again next time.
        this.#heads = undefined;
        this.logger.warn(`Ownership history not recorded: ${error}`);
      });
    return this.#queue;
  }

  /** Resolves when every change handed over so far is recorded (or failed). */
  settled(): Promise<void> {
    return this.#queue;
  }

  async #record({ upserted, removed, complete, at }: IndexedChanges) {
    const heads = (this.#heads ??= await this.store.heads());
    const wanted = new Map<string, Snapshot | undefined>();
    for (const entity of upserted) {
      let snapshot: Snapshot | undefined;
      try {
        snapshot = ownershipSnapshot(entity);
      } catch {
        continue; // unreadable: the index left it out too
      }
      if (snapshot) wanted.set(snapshot.ref, snapshot);
    }
    for (const ref of removed) wanted.set(lowerRef(ref), undefined);
    if (complete) {
      for (const ref of heads.keys()) {
        if (!wanted.has(ref)) wanted.set(ref, undefined);
      }
    }

    let pending = [...wanted.entries()];
    let written = 0;
    for (let attempt = 0; attempt < ATTEMPTS && pending.length; attempt++) {
      const entries: HistoryEntry[] = [];
      for (const [ref, snapshot] of pending) {
        const head = heads.get(ref);
        const fingerprint = snapshot?.fingerprint ?? REMOVED;
        // Nothing to say about an entity that was never recorded and is gone.
        if (head?.fingerprint === fingerprint || (!head && !snapshot)) continue;
        entries.push({
          ref,
          seq: (head?.seq ?? 0) + 1,
          kind: snapshot?.kind ?? head!.kind,
          recordedAt: at.toISOString(),
          fingerprint,
          snapshot: snapshot?.snapshot,
        });
      }
      if (!entries.length) break;
      await this.store.append(entries);
      const now = await this.store.heads(entries.map(e => e.ref));
      for (const [ref, head] of now) heads.set(ref, head);
      const stored = entries.filter(
        e => now.get(e.ref)?.fingerprint === e.fingerprint,
      );
      written += stored.length;
      const lost = new Set(
        entries.filter(e => !stored.includes(e)).map(e => e.ref),
      );
      pending = pending.filter(([ref]) => lost.has(ref));
    }
    if (written) {
      this.logger.debug(`Ownership history: ${written} changes recorded`);
    }
  }
}
