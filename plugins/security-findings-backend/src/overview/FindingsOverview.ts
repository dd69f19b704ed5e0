import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Discipline } from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';
import { readableRefs } from '@integrated-ops/plugin-integrated-ops-node';

/** Components with open findings looked at per answer; rows of the unrouted list. */
const MAX_ENTITIES = 20_000;
const UNROUTED_SHOWN = 100;
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** One owning team's open findings of one discipline, on the components the reader may read. */
export interface TeamFindings {
  /** The team's ref; absent for findings without an owner of their discipline. */
  team?: string;
  discipline: Discipline;
  components: number;
  open: number;
  critical: number;
  breached: number;
  dueThisWeek: number;
  accepted: number;
}

type GroupRow = {
  entity_ref: string;
  discipline: Discipline;
  owner_ref: string | null;
  open: number | string;
  critical: number | string | null;
  breached: number | string | null;
  due_week: number | string | null;
  accepted: number | string | null;
};

/**
 * Where SecOps looks: breaches by owning team and discipline, the
 * components worst off, and the reports nobody could route. Only
 * components the reader may read in the catalog count; each answer reads
 * one grouped query, the catalog in batches of the components it names,
 * and at most 20,000 components.
 */
export class FindingsOverview {
  constructor(
    private readonly deps: {
      db: Knex;
      catalog: CatalogService;
      now?: () => Date;
    },
  ) {}

  async overview(credentials: BackstageCredentials, team?: string) {
    const { db, catalog } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const at = now.toISOString();
    const week = new Date(now.getTime() + WEEK_MS).toISOString();
    const open = 'accepted_request IS NULL';
    const rows: GroupRow[] = await db('security_findings')
      .where('status', 'open')
      .modify(q => {
        if (team) q.where('owner_ref', team.toLocaleLowerCase('en-US'));
      })
      .groupBy('entity_ref', 'discipline', 'owner_ref')
      .select(
        'entity_ref',
        'discipline',
        'owner_ref',
        db.raw('COUNT(*) AS open'),
        db.raw(
          `SUM(CASE WHEN severity = 'critical' AND ${open} THEN 1 ELSE 0 END) AS critical`,
        ),
        db.raw(
          `SUM(CASE WHEN due_at <= ? AND ${open} THEN 1 ELSE 0 END) AS breached`,
          [at],
        ),
        db.raw(
          `SUM(CASE WHEN due_at > ? AND due_at <= ? AND ${open} THEN 1 ELSE 0 END) AS due_week`,
          [at, week],
        ),
        db.raw(
          'SUM(CASE WHEN accepted_request IS NOT NULL THEN 1 ELSE 0 END) AS accepted',
        ),
      )
      .orderBy('entity_ref')
      .limit(MAX_ENTITIES * 3);

    const readable = await readableRefs(
      catalog,
      [...new Set(rows.map(r => r.entity_ref))],
      credentials,
    );

    const teams = new Map<string, TeamFindings & { refs: Set<string> }>();
    const components = new Map<string, { breached: number; open: number }>();
    for (const row of rows) {
      if (!readable.has(row.entity_ref)) continue;
      const key = `${row.owner_ref ?? ''} ${row.discipline}`;
      const t = teams.get(key) ?? {
        ...(row.owner_ref ? { team: row.owner_ref } : {}),
        discipline: row.discipline,
        components: 0,
        open: 0,
        critical: 0,
        breached: 0,
        dueThisWeek: 0,
        accepted: 0,
        refs: new Set<string>(),
      };
      t.refs.add(row.entity_ref);
      t.open += Number(row.open);
      t.critical += Number(row.critical ?? 0);
      t.breached += Number(row.breached ?? 0);
      t.dueThisWeek += Number(row.due_week ?? 0);
      t.accepted += Number(row.accepted ?? 0);
      teams.set(key, t);
      const c = components.get(row.entity_ref) ?? { breached: 0, open: 0 };
      c.breached += Number(row.breached ?? 0);
      c.open += Number(row.open);
      components.set(row.entity_ref, c);
    }
    const byTeam: TeamFindings[] = [...teams.values()]
      .map(({ refs: r, ...t }) => ({ ...t, components: r.size }))
      .sort(
        (a, b) =>
          b.breached - a.breached ||
          b.critical - a.critical ||
          (a.team ?? '').localeCompare(b.team ?? ''),
      );
    const worst = [...components.entries()]
      .filter(([, c]) => c.breached > 0)
      .sort(([a, x], [b, y]) => y.breached - x.breached || a.localeCompare(b))
      .slice(0, 20)
      .map(([entityRef, c]) => ({ entityRef, ...c }));
    const unrouted = team
      ? []
      : await db('security_unrouted_reports')
          .orderBy('last_at', 'desc')
          .limit(UNROUTED_SHOWN)
          .select(
            'label',
            'tool',
            'reported_by',
            'first_at',
            'last_at',
            'count',
          );
    return {
      generatedAt: at,
      byTeam,
      worstComponents: worst,
      unrouted: unrouted.map(u => ({
        label: u.label,
        tool: u.tool,
        reportedBy: u.reported_by,
        firstAt: u.first_at,
        lastAt: u.last_at,
        count: Number(u.count),
      })),
    };
  }
}
