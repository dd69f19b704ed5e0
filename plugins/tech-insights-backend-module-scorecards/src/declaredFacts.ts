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
 * Tech Insights writes their schemas to its store at startup (all of them
 * before it constructs the fact checker).
 */
export class DeclaredFacts {
  readonly #facts = new Map<string, Set<string>>();

  /** The store, noting each schema the retrievers' engine inserts. */
  recording(store: TechInsightsStore): TechInsightsStore {
    const record = async (definition: FactSchemaDefinition) => {
      this.#facts.set(definition.id, new Set(Object.keys(definition.schema)));
      return store.insertFactSchema(definition);
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
      return factConditions(rule?.conditions)
        .map(c => c.fact!)
        .filter(fact => !this.#declares(factIds, fact))
        .map(
          fact =>
            `${key} reads fact ${fact}, which none of its retrievers (${factIds.join(
              ', ',
            )}) declares`,
        );
    });
  }

  /** A fact name, or one qualified by its retriever (`retrieverId.fact`). */
  #declares(factIds: string[], fact: string): boolean {
    return factIds.some(id => {
      const facts = this.#facts.get(id)!;
      return (
        facts.has(fact) ||
        (fact.startsWith(`${id}.`) && facts.has(fact.slice(id.length + 1)))
      );
    });
  }
}
