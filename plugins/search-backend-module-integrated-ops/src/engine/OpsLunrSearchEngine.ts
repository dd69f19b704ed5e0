import { LoggerService } from '@backstage/backend-plugin-api';
import {
  LunrSearchEngine,
  LunrQueryTranslator,
} from '@backstage/plugin-search-backend-node';
import {
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import lunr from 'lunr';
import { OPS_OWNERSHIP_TYPE } from '../OpsOwnershipCollatorFactory';
import { addressTerm } from './addressTerm';

/**
 * The search document type of the result that offers the incident lookup
 * for an address.
 *
 * @public
 */
export const OPS_LOOKUP_TYPE = 'ops-lookup';

/**
 * Backstage's in-memory Lunr engine, for a term that names an address (an
 * IP, a CIDR, a hostname, a URL) asked differently: every part of the
 * address (`10`, `20`, `3`, `14`) must be in a document, exactly, never by
 * edit distance, so the documents holding the address are the results and
 * `SOC Tier 3` (a short title holding `3`) or `DB` (two letters from `20`)
 * are not; and the first page opens with a result offering the incident
 * lookup's answer for it (which also knows the segments that cover it),
 * wherever ownership results are asked for. Every other term is asked as Backstage asks it.
 *
 * @public
 */
export class OpsLunrSearchEngine extends LunrSearchEngine {
  constructor(options: { logger: LoggerService }) {
    super(options);
    const asked = this.translator as LunrQueryTranslator;
    const translator: LunrQueryTranslator = query => {
      const address = addressTerm(query.term);
      if (!address) return asked(query);
      // The default query for the rest of the search (types, filters,
      // page size), with the address's terms instead of the typed term.
      const base = asked({ ...query, term: '' });
      return {
        ...base,
        lunrQueryBuilder(q) {
          base.lunrQueryBuilder.call(q, q);
          for (const part of lunr.tokenizer(address)) {
            // Stemmed as the index is ("scoring" is held as "score").
            q.term(part, {
              usePipeline: true,
              presence: lunr.Query.presence.REQUIRED,
            });
          }
        },
      };
    };
    this.setTranslator(translator);
  }

  /** The results, with the lookup offered first for an address. */
  async query(query: SearchQuery): Promise<IndexableResultSet> {
    const answer = await super.query(query);
    const address = addressTerm(query.term);
    // Beside the ownership results (the search backend names every type
    // the caller may see; a caller who picked another type gets none).
    const withOwnership =
      !query.types?.length || query.types.includes(OPS_OWNERSHIP_TYPE);
    if (!address || query.pageCursor || !withOwnership) return answer;
    return {
      ...answer,
      numberOfResults:
        answer.numberOfResults === undefined
          ? undefined
          : answer.numberOfResults + 1,
      results: [
        {
          type: OPS_LOOKUP_TYPE,
          document: {
            title: `Who owns ${address}? Open the incident lookup`,
            text: `The NetOps, DevOps and SecOps owners of ${address}, who is on call now, the escalation path and the blast radius.`,
            location: `/ops-lookup?q=${encodeURIComponent(query.term.trim())}`,
          },
          rank: 0,
        },
        ...answer.results,
      ],
    };
  }
}
