import { z } from 'zod';
import { SECURITY_CONTROLS } from '../policy/policyDocument';
import { parseStrictDate } from './strictDate';
import { looksLikeAddressRange, parseAddressRange } from './addressRange';
import { noControlCharacters } from '@integrated-ops/plugin-integrated-ops-common';

/**
 * What a person asks for, and nothing else: the backend resolves the targets
 * in the catalog, judges the intent against the change policy, names the
 * approvers from the typed owners and renders the change itself. Unknown
 * fields are refused, so a caller cannot send a policy result, approvers or a
 * diff and have them believed.
 */

const ENTITY_REF = /^([a-z0-9_.-]+:)?([a-z0-9_.-]+\/)?[a-z0-9_.-]+$/i;

const entityRef = z
  .string()
  .superRefine(noControlCharacters())
  .trim()
  .min(1)
  .max(255)
  .regex(
    ENTITY_REF,
    'must be an entity reference such as component:default/payments-web',
  );

/** A flow's source: an entity in the catalog, or an address range outside it. */
const flowSource = z
  .string()
  .superRefine(noControlCharacters())
  .trim()
  .min(1)
  .max(255)
  .superRefine((value, ctx) => {
    if (parseAddressRange(value) !== undefined) return;
    if (looksLikeAddressRange(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a valid address range (e.g. 203.0.113.0/24)`,
      });
    } else if (!ENTITY_REF.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be an entity reference such as component:default/payments-web, or an address range outside the catalog such as 203.0.113.0/24',
      });
    }
  });

/** Free text that reaches git, notifications and logs: lines and tabs, no other control characters. */
const justification = z
  .string()
  .superRefine(noControlCharacters({ multiline: true }))
  .trim()
  .min(20)
  .max(2000);

const futureDate = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const date = parseStrictDate(text);
    if (!date) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a date (YYYY-MM-DD, or an ISO date-time with a zone)`,
      });
      return z.NEVER;
    }
    return date;
  });

const control = z.enum(SECURITY_CONTROLS);

/**
 * A request to open network access from a source to a destination on some
 * ports, for a while or as break-glass.
 *
 * @public
 */
export const networkAccessIntentSchema = z
  .object({
    kind: z.literal('network-access'),
    source: flowSource,
    destination: entityRef,
    ports: z.string().superRefine(noControlCharacters()).trim().min(1).max(200),
    justification,
    expiresAt: futureDate.optional(),
    /**
     * Break-glass during an incident: for whoever is on call for one of the
     * destination's owning teams, applied at once and reviewed afterwards;
     * it ends after `durationMinutes` whatever happens.
     */
    /** A planned apply time: approved before it, the change is applied then (not at once). */
    applyAt: futureDate.optional(),
    emergency: z
      .object({
        incident: z
          .string()
          .superRefine(noControlCharacters())
          .trim()
          .min(3)
          .max(500),
        durationMinutes: z
          .number()
          .int()
          .min(15)
          .max(24 * 60),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(intent => !(intent.emergency && intent.expiresAt), {
    path: ['expiresAt'],
    message:
      'emergency access ends after emergency.durationMinutes; leave expiresAt out',
  })
  .refine(intent => !(intent.emergency && intent.applyAt), {
    path: ['applyAt'],
    message: 'emergency access applies at once; leave applyAt out',
  })
  .refine(
    intent =>
      !(intent.applyAt && intent.expiresAt) ||
      Date.parse(intent.applyAt) < Date.parse(intent.expiresAt),
    { path: ['applyAt'], message: 'must be before expiresAt' },
  );

/**
 * A request to change a component's exposure, security controls and their
 * exceptions.
 *
 * @public
 */
export const securityControlsIntentSchema = z
  .object({
    kind: z.literal('security-controls'),
    component: entityRef,
    exposure: z.enum(['internal', 'internet']).default('internal'),
    controls: z.array(control).max(SECURITY_CONTROLS.length).default([]),
    exceptions: z
      .array(
        z
          .object({
            control,
            justification: z
              .string()
              .superRefine(noControlCharacters({ multiline: true }))
              .trim()
              .min(1)
              .max(2000),
            expiresAt: futureDate.optional(),
          })
          .strict(),
      )
      .max(SECURITY_CONTROLS.length)
      .default([]),
    compliance: z
      .array(
        z
          .string()
          .max(64)
          .regex(/^[a-z0-9][a-z0-9-]*$/i, 'must be a tag such as pci-dss'),
      )
      .max(20)
      .default([]),
    justification: justification.optional(),
    expiresAt: futureDate.optional(),
  })
  .strict();

/**
 * A request to accept the risk of one open security finding of a component
 * until a date: the finding stops counting against its SLA while the
 * acceptance holds, and its clock restarts where it stopped when it ends.
 * The finding's severity, discipline and the component's data classes are
 * read by the backend, never taken from the request.
 *
 * @public
 */
export const riskAcceptanceIntentSchema = z
  .object({
    kind: z.literal('risk-acceptance'),
    component: entityRef,
    /** The finding's id, as the security-findings plugin names it. */
    finding: z
      .string()
      .trim()
      .regex(/^[1-9][0-9]{0,17}$/, 'must be a finding id such as 42'),
    justification,
    expiresAt: futureDate,
  })
  .strict();

/**
 * Validates what a caller asks for: any kind of change intent.
 *
 * @public
 */
export const changeIntentSchema = z.discriminatedUnion('kind', [
  networkAccessIntentSchema,
  securityControlsIntentSchema,
  riskAcceptanceIntentSchema,
]);

/**
 * A change request as asked for: the only thing a caller sends.
 *
 * @public
 */
export type ChangeIntent = z.output<typeof changeIntentSchema>;
/**
 * A change intent as a caller may send it (before defaults are filled in).
 *
 * @public
 */
export type ChangeIntentInput = z.input<typeof changeIntentSchema>;
/**
 * A network access request as asked for.
 *
 * @public
 */
export type NetworkAccessIntent = z.output<typeof networkAccessIntentSchema>;
/**
 * A security controls request as asked for.
 *
 * @public
 */
export type SecurityControlsIntent = z.output<
  typeof securityControlsIntentSchema
>;
/**
 * A risk acceptance as asked for.
 *
 * @public
 */
export type RiskAcceptanceIntent = z.output<typeof riskAcceptanceIntentSchema>;
