import type {
  FactSchemaDefinition,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import type { Config } from '@backstage/config';
import {
  CheckCondition,
  factConditions,
} from '@integrated-ops/plugin-scorecards-common';

/**
 * The facts each fact retriever registered in this backend declares, as
 * Tech Insights' store holds them for the checker (its latest schema
 * version; the retrievers' engine writes every schema at startup, before
 * the fact checker is constructed).
 */
export class DeclaredFacts {
  readonly #facts = new Map<string, Set<string>>();

  /** The store, noting each schema once the retrievers' engine inserted it. */
  recording(store: TechInsightsStore): TechInsightsStore {
    const record = async (definition: FactSchemaDefinition) => {
      await store.insertFactSchema(definition);
      // What the checker reads: the latest version stored (an id and
      // version already there are not written again).
      const [latest] = await store.getLatestSchemas([definition.id]);
      const { id: _id, version: _v, entityFilter: _f, ...facts } = latest ?? {};
      this.#facts.set(definition.id, new Set(Object.keys(facts)));
    };
    return new Proxy(store, {
      get: (target, key) => {
        if (key === 'insertFactSchema') return record;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /**
   * Each configured check (`techInsights.factChecker.checks`) whose
   * `factIds` names no registered retriever, or that reads a fact none of
   * its `factIds` declares, in words naming the check and the fact.
   */
  problems(config: Config): string[] {
    const checks = config.getOptionalConfig('techInsights.factChecker.checks');
    return (checks?.keys() ?? []).flatMap(id => {
      const check = checks!.getConfig(id);
      const key = `techInsights.factChecker.checks.${id}`;
      const factIds = check.getOptionalStringArray('factIds') ?? [];
      const unknownIds = factIds.filter(f => !this.#facts.has(f));
      if (unknownIds.length) {
        return unknownIds.map(
          f =>
            `${key}.factIds names ${f}, which is not a registered fact retriever (registered: ${[
              ...this.#facts.keys(),
            ].join(', ')})`,
        );
      }
      const rule = check.getOptional('rule') as
        | { conditions?: CheckCondition }
        | undefined;
      return factConditions(rule?.conditions).flatMap(({ fact, params }) => {
        // A condition may name the one retriever it reads the fact from.
        const from =
          typeof params?.factRetrieverId === 'string'
            ? params.factRetrieverId
            : undefined;
        if (from !== undefined && !factIds.includes(from)) {
          return [
            `${key} reads fact ${fact} from ${from}, which is not one of its factIds (${factIds.join(
              ', ',
            )})`,
          ];
        }
        const readers = from !== undefined ? [from] : factIds;
        return readers.some(r => this.#facts.get(r)!.has(fact!))
          ? []
          : [
              `${key} reads fact ${fact}, which ${
                from
                  ? `${from} does not declare`
                  : `none of its retrievers (${factIds.join(', ')}) declares`
              }`,
            ];
      });
    });
  }
}
