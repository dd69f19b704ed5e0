import {
  CHANGE_INTENT_KINDS,
  SECURITY_CONTROLS,
} from '@integrated-ops/plugin-ops-requests-common';
import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/**
 * The input of the request actions: the intent and nothing else. The
 * backend resolves targets, judges the policy, names approvers and renders
 * the change; an input such as policyResults or requiredApprovals is not part
 * of this schema and is refused (see `refuseUnknownInput`).
 */
export const requestIntentInput = {
  kind: (z: Z) => z.enum(CHANGE_INTENT_KINDS).describe('What is asked for'),
  source: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'network-access: the entity traffic comes from, or an address range outside the catalog (e.g. 203.0.113.0/24; SecOps always approves)',
      ),
  destination: (z: Z) =>
    z
      .string()
      .optional()
      .describe('network-access: the entity traffic goes to'),
  ports: (z: Z) =>
    z
      .string()
      .optional()
      .describe('network-access: e.g. "443/tcp, 8080-8090/tcp"'),
  component: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'security-controls, risk-acceptance: the component to change, or whose finding is accepted',
      ),
  exposure: (z: Z) => z.enum(['internal', 'internet']).optional(),
  controls: (z: Z) => z.array(z.enum(SECURITY_CONTROLS)).optional(),
  exceptions: (z: Z) =>
    z
      .array(
        z.object({
          control: z.enum(SECURITY_CONTROLS),
          justification: z.string(),
          expiresAt: z.string().optional(),
        }),
      )
      .optional(),
  compliance: (z: Z) => z.array(z.string()).optional(),
  finding: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        "risk-acceptance: the finding's id in the security-findings plugin (its severity and owners are read by the backend)",
      ),
  justification: (z: Z) => z.string().optional(),
  expiresAt: (z: Z) =>
    z.string().optional().describe('ISO date or date-time the grant ends'),
  incident: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'network-access, break-glass: the incident (reference or URL); with durationMinutes, applied at once for whoever is on call for an owning team',
      ),
  durationMinutes: (z: Z) =>
    z
      .number()
      .optional()
      .describe('break-glass: minutes until the access is revoked'),
};

const FIELDS = new Set(Object.keys(requestIntentInput));

/**
 * The intent as the backend takes it: empty template values dropped (a form
 * leaves unset fields as null or ""); any other input is an error, so a
 * template cannot slip a policy result or approvers past the schema.
 */
export function intentFromInput(input: Record<string, unknown>) {
  const unknown = Object.keys(input).filter(k => !FIELDS.has(k));
  if (unknown.length) {
    throw new Error(
      `unknown input ${unknown.join(
        ', ',
      )}: a request carries only its intent; the backend decides policy, approvers and the change`,
    );
  }
  const { incident, durationMinutes, ...rest } = Object.fromEntries(
    Object.entries(input).filter(
      ([, v]) => v !== undefined && v !== null && v !== '',
    ),
  );
  // Break-glass travels as the intent's `emergency`.
  return incident !== undefined || durationMinutes !== undefined
    ? { ...rest, emergency: { incident, durationMinutes } }
    : rest;
}
