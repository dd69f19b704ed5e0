import { DISCIPLINES } from '@internal/plugin-integrated-ops-common';
import { z } from 'zod';

const entityRef = z
  .string()
  .regex(
    /^[a-z0-9_.-]+:[a-z0-9_.-]+\/[a-z0-9_.-]+$/i,
    'must be a full entity ref',
  );

/** Body of POST /requests: what the template created. */
export const newRequestBody = z.object({
  kind: z.enum(['network-access', 'new-service', 'security-controls']),
  title: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).default(''),
  targets: z.array(entityRef).min(1).max(20),
  change: z.object({
    provider: z.enum(['local', 'github', 'gitlab']),
    repository: z.string().min(1).max(255),
    branch: z.string().min(1).max(255),
    commit: z.string().min(1).max(64),
    url: z.string().min(1).max(2048),
    files: z.record(z.string().max(1024), z.string().max(200_000)),
  }),
  policy: z.object({
    version: z.string().min(1),
    results: z.array(
      z.object({ rule: z.string(), passed: z.boolean(), message: z.string() }),
    ),
  }),
  requiredApprovals: z.array(z.enum(DISCIPLINES)).min(1),
  expiresAt: z
    .string()
    .refine(
      v => !Number.isNaN(Date.parse(v)),
      'must be an ISO date or date-time',
    )
    .optional(),
});

export const listQuery = z.object({
  view: z.enum(['mine', 'awaiting', 'all']).default('all'),
});

export const approveBody = z.object({
  comment: z.string().max(2000).optional(),
});

export const rejectBody = z.object({
  justification: z
    .string({ error: 'is required: say why the request is rejected' })
    .trim()
    .min(10, 'must say why, in at least 10 characters')
    .max(2000),
});
