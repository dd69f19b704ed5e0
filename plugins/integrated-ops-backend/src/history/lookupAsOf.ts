import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AnswerHistory,
  IndexStatus,
  LookupDetail,
  LookupResponse,
} from '@integrated-ops/plugin-integrated-ops-common';
import { AnswerOptions } from '../answer/buildOwnershipAnswer';
import { answerMatches, describeQuery } from '../answer/lookup';
import { CanRead } from '../index/canRead';
import { classifyQuery } from '../index/classifyQuery';
import { rankMatches } from '../index/findMatches';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ChangesOnRecord } from './changesOnRecord';
import { historicView } from './historicView';
import { OwnershipHistoryStore } from './OwnershipHistoryStore';

export interface AsOfSources {
  store: OwnershipHistoryStore;
  /** Absent: answers say the change requests are unavailable. */
  changes?: ChangesOnRecord;
}

/**
 * "Who owned it at 02:13": matches are found in the live index (what the
 * thing is called now), answered as of `asOf` from the history: the typed
 * owners then, the teams then (members, lead, rotations, escalation) and so
 * who was on call then, plus the change requests that touched it by then.
 */
export async function lookupAsOf(
  sources: AsOfSources,
  index: OwnershipIndex,
  status: IndexStatus,
  q: string,
  asOf: Date,
  canRead: CanRead,
  credentials: BackstageCredentials,
  options: AnswerOptions & { detail?: LookupDetail } = {},
): Promise<LookupResponse> {
  const query = classifyQuery(q);
  const { candidates, total } = rankMatches(index, query, canRead);
  const view = await historicView(
    sources.store,
    index,
    candidates.map(c => c.entityRef),
    asOf,
  );
  const matches = answerMatches(view.index, candidates, asOf, {
    ...options,
    ownersOf: view.ownersOf,
  });
  await Promise.all(
    matches.map(async match => {
      if (!match.answer) return;
      const entry = view.entryOf(match.entityRef);
      const history: AnswerHistory = {
        asOf: asOf.toISOString(),
        known: !!entry,
        ownersRecordedAt: entry?.recordedAt,
        historyStartsAt: view.historyStartsAt,
        changes: [],
      };
      if (!sources.changes) {
        history.changesUnavailable = 'the ops-requests plugin is not installed';
      } else {
        try {
          history.changes = await sources.changes({
            entityRef: match.entityRef,
            before: history.asOf,
            credentials,
          });
        } catch (error) {
          history.changesUnavailable = `change requests could not be read: ${error}`;
        }
      }
      match.answer.history = history;
    }),
  );
  return {
    query: {
      q,
      interpretedAs: describeQuery(query),
      at: asOf.toISOString(),
      asOf: asOf.toISOString(),
      detail: options.detail ?? 'best',
    },
    index: status,
    matches,
    totalMatches: total,
    truncated: total > candidates.length,
  };
}
