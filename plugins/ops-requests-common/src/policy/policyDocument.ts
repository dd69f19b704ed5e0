import { z } from 'zod';
import { DISCIPLINES } from '@integrated-ops/plugin-integrated-ops-common';
import { changeCalendarSchema } from './changeCalendar';
import { connectivityInvariantSchema } from './connectivityInvariants';
import { celRequestRuleSchema } from './celRequestRules';

/** A port or an inclusive range: "443" or "8080-8090". */
const portRange = z
  .string()
  .regex(
    /^\d{1,5}(-\d{1,5})?$/,
    'must be a port like 443 or a range like 8080-8090',
  );

const zoneRule = z
  .object({
    protocols: z.array(z.enum(['tcp', 'udp', 'icmp'])).min(1),
    ports: z.array(portRange),
  })
  .strict();

/**
 * Security controls a service can have; the policy requires some per exposure and data class.
 *
 * @public
 */
export const SECURITY_CONTROLS = [
  'sast',
  'dependency-scan',
  'image-scan',
  'secret-scan',
  'secrets-management',
  'tls',
  'waf',
] as const;

const controlName = z.enum(SECURITY_CONTROLS);

/**
 * Which teams may be named as one discipline's owner: a Group whose
 * `spec.opsTeam.discipline` is one of `disciplines`, or one of `groups`.
 *
 * @public
 */
export const ownerTeamRuleSchema = z
  .object({
    disciplines: z.array(z.enum(DISCIPLINES)),
    groups: z
      .array(
        z
          .string()
          .regex(
            /^group:[^:/\s]+\/[^:/\s]+$/i,
            'must be a full group ref like group:default/soc',
          ),
      )
      .optional(),
  })
  .strict();

/**
 * Which teams may be named as one discipline's owner (see ownerTeamRuleSchema).
 *
 * @public
 */
export type OwnerTeamRule = z.infer<typeof ownerTeamRuleSchema>;

/**
 * The change policy, kept as YAML under `policies/` in the repository and
 * versioned with it (`metadata.version` is recorded with every result).
 *
 * @public
 */
export const changePolicySchema = z
  .object({
    apiVersion: z.literal('integrated-ops.io/v1'),
    kind: z.literal('ChangePolicy'),
    metadata: z.object({ name: z.string().min(1), version: z.string().min(1) }),
    spec: z
      .object({
        cidr: z.object({
          /** Blocks broader than these prefix lengths are refused (0.0.0.0/0 always is). */
          minPrefixLengthIPv4: z.number().int().min(0).max(32),
          minPrefixLengthIPv6: z.number().int().min(0).max(128),
        }),
        /** Allowed protocols and ports per destination zone; `default` for any other zone. */
        zones: z
          .record(z.string(), zoneRule)
          .refine(zones => 'default' in zones, {
            message: 'needs a "default" zone',
          }),
        secopsRequiredFor: z.object({
          exposure: z.array(z.enum(['internal', 'internet'])),
          dataClasses: z.array(z.string()),
        }),
        production: z.object({
          expiryRequired: z.boolean(),
          maxExpiryDays: z.number().int().positive(),
        }),
        naming: z.object({
          pattern: z.string().min(1),
          maxLength: z.number().int().positive(),
        }),
        controls: z.object({
          /** Controls every service must have, and more per exposure / data class. */
          baseline: z.array(controlName),
          byExposure: z.record(z.string(), z.array(controlName)),
          byDataClass: z.record(z.string(), z.array(controlName)),
          exceptionJustificationMinLength: z.number().int().min(1),
        }),
        /** Change freezes, checked over the target and its blast radius. */
        changeCalendar: changeCalendarSchema.optional(),
        /**
         * Which teams may own which discipline (the owner-discipline rule). A
         * discipline not listed, or no block at all: its owner must be a
         * Group whose spec.opsTeam.discipline is that discipline.
         */
        ownerDisciplines: z
          .object({
            netops: ownerTeamRuleSchema.optional(),
            devops: ownerTeamRuleSchema.optional(),
            secops: ownerTeamRuleSchema.optional(),
          })
          .strict()
          .optional(),
        /** Emergency access during an incident; absent, break-glass is not allowed. */
        breakGlass: z
          .object({
            /** Destination zones where it is allowed (never from outside the catalog). */
            zones: z.array(z.string()).min(1),
            maxDurationMinutes: z
              .number()
              .int()
              .min(15)
              .max(24 * 60),
            /** Break-glass grants one person may hold open at once. */
            maxOpenPerPerson: z.number().int().min(1),
            /** Hours the owning teams have to confirm; unconfirmed grants are revoked. */
            reviewWindowHours: z.number().int().min(1),
            /** Group told of every break-glass at once (SecOps). */
            notify: z.string().min(1),
          })
          .strict()
          .optional(),
        /** What a change does to the network (computed from the infrastructure repository). */
        connectivity: z
          .object({
            /** Refuse a network-access request whose flow main already allows (unless it extends the expiry). */
            refuseRedundant: z.boolean(),
            /** Checked on the connections a change adds or changes; a change breaking one is refused, naming it. */
            invariants: z
              .array(connectivityInvariantSchema)
              .max(100)
              .optional(),
          })
          .strict()
          .optional(),
        /**
         * Accepting a security finding's risk (risk-acceptance requests);
         * absent, no risk may be accepted. The longest acceptance per
         * severity, and the severities SecOps must approve (it also approves
         * for the data classes of secopsRequiredFor, e.g. PCI).
         */
        riskAcceptance: z
          .object({
            maxDays: z
              .object({
                critical: z.number().int().min(1),
                high: z.number().int().min(1),
                medium: z.number().int().min(1),
                low: z.number().int().min(1),
                info: z.number().int().min(1),
              })
              .strict(),
            secopsFor: z.array(
              z.enum(['critical', 'high', 'medium', 'low', 'info']),
            ),
          })
          .strict()
          .optional(),
        /**
         * The policy authors' own request rules: CEL expressions over the
         * request's facts, each with fixtures it must pass and refuse.
         */
        rules: z.array(celRequestRuleSchema).max(50).optional(),
        /** Owning teams confirm what they own; absent, nobody is asked. */
        ownershipRecertification: z
          .object({
            /** A confirmation (or accepted hand-over) holds this many days. */
            periodDays: z.number().int().min(1),
            /** Days a team has to answer before it is asked again. */
            answerWithinDays: z.number().int().min(1),
          })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

/**
 * The versioned change policy, as parsed.
 *
 * @public
 */
export type ChangePolicy = z.infer<typeof changePolicySchema>;
/**
 * A security control a service can declare or be required to have.
 *
 * @public
 */
export type SecurityControl = (typeof SECURITY_CONTROLS)[number];
