import { Entity } from '@backstage/catalog-model';
import { DateTime, Duration, IANAZone } from 'luxon';
import { z } from 'zod';
import { DISCIPLINES } from '../disciplines';
import { entityRefOfKind } from './entityRefs';
import { parseWith, ParseResult } from './parseResult';

/**
 * One on-call rotation: members take turns, each for one `period`, starting
 * with the first member at `start` (local time in `timeZone`). Day- and
 * week-based periods hand off at the same local time across DST changes.
 *
 * @public
 */
export const rotationSchema = z
  .object({
    name: z.string().min(1),
    members: z
      .array(entityRefOfKind('user'))
      .min(1, 'a rotation needs at least one member'),
    start: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
        'must be a local date-time like 2026-01-05T09:00',
      ),
    period: z.string(),
    timeZone: z.string(),
    /**
     * The vendor schedule this rotation really lives in (PagerDuty,
     * Opsgenie): answered from there, the members above being the fallback
     * while the vendor cannot be reached.
     */
    from: z
      .object({
        provider: z
          .string()
          .regex(
            /^[a-z][a-z0-9-]*$/,
            'a provider id such as pagerduty or opsgenie',
          ),
        schedule: z.string().min(1).max(200),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((rotation, ctx) => {
    if (!IANAZone.isValidZone(rotation.timeZone)) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `unknown time zone "${rotation.timeZone}"`,
      });
    } else if (
      !DateTime.fromISO(rotation.start, { zone: rotation.timeZone }).isValid
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `"${rotation.start}" is not a valid date-time`,
      });
    }
    const period = Duration.fromISO(rotation.period);
    if (!period.isValid || period.as('minutes') < 15) {
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: `"${rotation.period}" must be an ISO-8601 duration of at least 15 minutes, e.g. P7D or PT12H`,
      });
    }
  });

/**
 * One on-call rotation of an ops team: its members in order, start, period
 * and time zone.
 *
 * @public
 */
export type Rotation = z.infer<typeof rotationSchema>;

/**
 * `spec.opsTeam` on a Group: which discipline the team serves, its lead, where
 * it escalates, its SOC tier (SecOps) and its on-call rotations.
 *
 * @public
 */
export const opsTeamSchema = z
  .object({
    /** Omitted by a team that serves all three (e.g. incident command). */
    discipline: z.enum(DISCIPLINES).optional(),
    socTier: z.number().int().min(1).max(3).optional(),
    lead: entityRefOfKind('user').optional(),
    escalatesTo: entityRefOfKind('group').optional(),
    onCall: z.array(rotationSchema).optional(),
  })
  .strict()
  .superRefine((team, ctx) => {
    if (team.socTier !== undefined && team.discipline !== 'secops') {
      ctx.addIssue({
        code: 'custom',
        path: ['socTier'],
        message: 'only secops teams have a SOC tier',
      });
    }
    const names = (team.onCall ?? []).map(r => r.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) {
      ctx.addIssue({
        code: 'custom',
        path: ['onCall'],
        message: `rotation name "${duplicate}" is used twice`,
      });
    }
  });

/**
 * A Group's spec.opsTeam, as parsed.
 *
 * @public
 */
export type OpsTeam = z.infer<typeof opsTeamSchema>;

/**
 * Where a Group declares its ops team, as issues name it.
 *
 * @public
 */
export const OPS_TEAM_FIELD = 'spec.opsTeam';

/**
 * Parses a Group's spec.opsTeam; undefined when the group declares none.
 *
 * @public
 */
export function parseOpsTeam(entity: Entity): ParseResult<OpsTeam | undefined> {
  const raw = entity.spec?.opsTeam;
  if (raw === undefined || raw === null) {
    return { ok: true, value: undefined };
  }
  return parseWith(opsTeamSchema, raw, OPS_TEAM_FIELD);
}
