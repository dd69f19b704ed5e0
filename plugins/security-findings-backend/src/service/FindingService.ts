import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  readEffectiveOwners,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  AnnotatedTarget,
  computeDueDate,
  Discipline,
  imageTarget,
  Severity,
  NormalizedFinding,
  parseGrypeJson,
  parseSarif,
  parseTrivyJson,
  ParseProblem,
  ParseResult,
  repositoryTarget,
  routeFinding,
  slaStateAt,
} from '@integrated-ops/plugin-security-findings-common';
import { SecurityFindingsOptions } from '../options';
import { FindingRow, FindingStore } from './FindingStore';

/** The formats the report route names. */
export type ReportFormatName = 'sarif' | 'trivy' | 'grype';

const PARSERS: Record<ReportFormatName, (input: unknown) => ParseResult> = {
  sarif: parseSarif,
  trivy: parseTrivyJson,
  grype: parseGrypeJson,
};

const MAX_PROBLEMS_ANSWERED = 100;

/** What a report names its component by: one of the three. */
export interface ReportTarget {
  entity?: string;
  repository?: string;
  image?: string;
}

/** A finding as GET /findings answers it. */
export interface FindingView {
  id: string;
  entityRef: string;
  tool: string;
  scanner: string;
  fingerprint: string;
  ruleId: string;
  category: NormalizedFinding['category'];
  severity: NormalizedFinding['severity'];
  title: string;
  message: string;
  location?: NormalizedFinding['location'];
  vulnerability?: NormalizedFinding['vulnerability'];
  links: string[];
  discipline: Discipline;
  visibleTo: Discipline[];
  owner?: string;
  status: 'open' | 'fixed';
  firstSeen: string;
  lastSeen: string;
  reopenCount: number;
  dueAt: string | null;
  /** Its risk accepted by an applied change request: the clock stands still. */
  acceptance?: { until: string; request: string; since: string };
  slaState: 'within' | 'due-soon' | 'breached' | 'none';
}

/**
 * Reports in, findings out: the component is looked up in the catalog (its
 * typed owners and data classes), the report parsed by -common, each
 * finding routed and given its due date, and the whole applied in one
 * transaction by the store.
 */
export class FindingService {
  constructor(
    private readonly deps: {
      store: FindingStore;
      catalog: CatalogService;
      auth: AuthService;
      options: SecurityFindingsOptions;
      now?: () => Date;
      /** Called after a report that holds a finding already past its due date. */
      onBreachedIngest?: () => void;
      /** Called after a component's findings were replaced by a full report. */
      onFindingsChanged?: (entityRef: string) => void;
    },
  ) {}

  #now() {
    return this.deps.now?.() ?? new Date();
  }

  /** The normalized ref, or a 400 naming what is wrong with it. */
  #ref(value: string) {
    const ref = tryNormalizeEntityRef(value, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    if (!ref) {
      throw new InputError(`entity "${value}" is not an entity ref`);
    }
    return ref;
  }

  /** The entity as the given credentials may read it; 404 otherwise (unknown or not readable alike). */
  async #entity(ref: string, credentials: BackstageCredentials) {
    const entity = await this.deps.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${ref} in the catalog (or not one you may read)`,
      );
    }
    return entity;
  }

  /**
   * A tool's full report for the component, routed, given due dates and
   * applied in one transaction; `pastDue`: it holds a finding already past
   * its due date.
   */
  async #apply(
    entity: Entity,
    tool: string,
    format: string,
    findings: NormalizedFinding[],
    problems: number,
    reportedBy: string,
  ) {
    const { options, store } = this.deps;
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const owners = readEffectiveOwners(entity);
    const dataClasses = dataClassesOf(
      entity,
      Object.keys(options.sla.dataClassFactors),
    );
    const reportedAt = this.#now().toISOString();
    let pastDue = false;
    const applied = await store.apply({
      entityRef,
      tool,
      format,
      reportedBy,
      reportedAt,
      findings,
      problems,
      place: (finding, firstSeen) => {
        const route = routeFinding(finding, options.routing);
        const owner = owners[route.owner];
        const { dueAt } = computeDueDate(
          firstSeen,
          finding.severity,
          dataClasses,
          options.sla,
        );
        if (dueAt !== null && dueAt <= reportedAt) pastDue = true;
        return {
          discipline: route.owner,
          visibleTo: route.visibleTo,
          // The spec.owner fallback is a gap, not an owner of this discipline.
          ownerRef: owner.source === 'fallback' ? undefined : owner.owner,
          dueAt,
        };
      },
    });
    return { entityRef, reportedAt, applied, pastDue };
  }

  /** A full report a findings source pulled for a component of the catalog. */
  async applyPulled(input: {
    entity: Entity;
    tool: string;
    findings: NormalizedFinding[];
    reportedBy: string;
  }) {
    const tool = input.tool.toLocaleLowerCase('en-US');
    const result = await this.#apply(
      input.entity,
      tool,
      'pulled',
      input.findings,
      0,
      input.reportedBy,
    );
    if (result.pastDue) this.deps.onBreachedIngest?.();
    this.deps.onFindingsChanged?.(result.entityRef);
    return { entityRef: result.entityRef, tool, ...result.applied };
  }

  /**
   * What names the report's component: exactly one of an entity ref, a
   * source repository or an image (400 otherwise, before the report is parsed).
   */
  #target(input: ReportTarget): { ref: string } | AnnotatedTarget {
    const named = (['entity', 'repository', 'image'] as const).filter(
      key => input[key] !== undefined,
    );
    if (named.length !== 1) {
      throw new InputError(
        `name the report's component by exactly one of entity, repository or image (${
          named.length ? `got ${named.join(', ')}` : 'got none'
        })`,
      );
    }
    if (input.entity !== undefined) return { ref: this.#ref(input.entity) };
    const found =
      input.repository !== undefined
        ? repositoryTarget(input.repository)
        : imageTarget(input.image!);
    if ('error' in found) throw new InputError(found.error);
    return found;
  }

  /**
   * The component an annotation names: one, or a 404 (none; or none this
   * plugin may read) or a 409 (several claim it).
   */
  async #annotated(target: AnnotatedTarget): Promise<Entity> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'component',
          [`metadata.annotations.${target.annotation}`]: target.value,
        },
        limit: 2,
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    if (items.length > 1) {
      throw new ConflictError(
        `${items.map(e => stringifyEntityRef(e)).join(' and ')} both carry ${
          target.label
        }: name the component by entity`,
      );
    }
    if (!items.length) {
      throw new NotFoundError(
        `No component in the catalog carries ${target.label}`,
      );
    }
    return items[0];
  }

  async ingest(
    input: ReportTarget & {
      tool: string;
      format: ReportFormatName;
      body: unknown;
      reportedBy: string;
    },
  ) {
    const { store, auth } = this.deps;
    const target = this.#target(input);
    const label = 'ref' in target ? input.entity! : target.label;
    const tool = input.tool.toLocaleLowerCase('en-US');
    const parsed = PARSERS[input.format](input.body);
    if (!parsed.ok) {
      const { code, path, message } = parsed.error;
      throw new InputError(
        `The ${input.format} report is refused (${code}${
          path ? ` at ${path}` : ''
        }): ${message}`,
      );
    }
    let entity: Entity;
    try {
      entity =
        'ref' in target
          ? await this.#entity(
              target.ref,
              await auth.getOwnServiceCredentials(),
            )
          : await this.#annotated(target);
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ConflictError) {
        // For SecOps to route: the overview lists what could not be.
        await store.recordUnrouted({
          label,
          tool,
          reportedBy: input.reportedBy,
          at: this.#now().toISOString(),
        });
      }
      throw error;
    }
    const { entityRef, reportedAt, applied, pastDue } = await this.#apply(
      entity,
      tool,
      input.format,
      parsed.findings,
      parsed.problems.length,
      input.reportedBy,
    );
    if (pastDue) this.deps.onBreachedIngest?.();
    this.deps.onFindingsChanged?.(entityRef);
    await store.clearUnrouted({
      label,
      tool,
      reportedBy: input.reportedBy,
    });
    return {
      entityRef,
      tool,
      format: input.format,
      reportedAt,
      findings: parsed.findings.length,
      ...applied,
      duplicates: parsed.duplicates,
      problemCount: parsed.problems.length,
      problems: parsed.problems
        .slice(0, MAX_PROBLEMS_ANSWERED)
        .map(({ path, kind, message, dropped }: ParseProblem) => ({
          path,
          kind,
          message,
          dropped,
        })),
    };
  }

  /** One finding of a component the caller may read (404 otherwise, alike). */
  async get(entity: string, id: string, credentials: BackstageCredentials) {
    const { store, options } = this.deps;
    const found = await this.#entity(this.#ref(entity), credentials);
    const entityRef = stringifyEntityRef(found).toLocaleLowerCase('en-US');
    const row = await store.get(entityRef, id);
    if (!row) {
      throw new NotFoundError(`${entityRef} has no finding ${id}`);
    }
    const owners = readEffectiveOwners(found);
    const owner = owners[row.discipline as Discipline];
    return toView(
      {
        ...row,
        owner_ref: owner.source === 'fallback' ? null : owner.owner ?? null,
      },
      this.#now(),
      options,
    );
  }

  /** The open findings of a component the caller may read. */
  async list(
    entity: string,
    limit: number,
    credentials: BackstageCredentials,
    severities?: Severity[],
  ) {
    const { store, options } = this.deps;
    const found = await this.#entity(this.#ref(entity), credentials);
    const entityRef = stringifyEntityRef(found).toLocaleLowerCase('en-US');
    const now = this.#now();
    const { rows, total } = await store.listOpen(entityRef, limit, severities);
    const summary = await store.summarizeOpen(entityRef, now.toISOString());
    // The owners the catalog names now: a finding stored before ownership
    // was inherited or changed is shown with its owner of now (the breach
    // check moves the stored ones).
    const owners = readEffectiveOwners(found);
    const ownerOf = (d: Discipline) =>
      owners[d].source === 'fallback' ? undefined : owners[d].owner;
    return {
      entityRef,
      items: rows.map(row =>
        toView(
          { ...row, owner_ref: ownerOf(row.discipline as Discipline) ?? null },
          now,
          options,
        ),
      ),
      total,
      summary,
      generatedAt: now.toISOString(),
    };
  }
}

/** The component's data classes that the SLA policy shortens the clock for, from its tags. */
function dataClassesOf(entity: Entity, known: string[]): string[] {
  return (entity.metadata.tags ?? [])
    .map(t => t.toLocaleLowerCase('en-US'))
    .filter(t => known.includes(t));
}

function toView(
  row: FindingRow,
  now: Date,
  options: SecurityFindingsOptions,
): FindingView {
  const firstMs = Date.parse(row.first_seen);
  const allowedMinutes =
    row.due_at === null
      ? null
      : Math.floor((Date.parse(row.due_at) - firstMs) / 60_000);
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    tool: row.tool,
    scanner: row.scanner,
    fingerprint: row.fingerprint,
    ruleId: row.rule_id,
    category: row.category as FindingView['category'],
    severity: row.severity as FindingView['severity'],
    title: row.title,
    message: row.message,
    ...(row.location ? { location: JSON.parse(row.location) } : {}),
    ...(row.vulnerability
      ? { vulnerability: JSON.parse(row.vulnerability) }
      : {}),
    links: JSON.parse(row.links),
    discipline: row.discipline as Discipline,
    visibleTo: JSON.parse(row.visible_to),
    ...(row.owner_ref ? { owner: row.owner_ref } : {}),
    status: row.status,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    reopenCount: row.reopen_count,
    dueAt: row.due_at,
    ...(row.accepted_request
      ? {
          acceptance: {
            until: row.accepted_until!,
            request: row.accepted_request,
            since: row.accepted_at!,
          },
        }
      : {}),
    slaState: slaStateAt(
      { dueAt: row.due_at, allowedMinutes, factor: 1 },
      now,
      options.sla,
    ),
  };
}
