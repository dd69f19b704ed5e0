import { z } from 'zod';

/*
 * The fields of GitHub's REST answers the portal reads, as GitHub documents
 * them ("List code scanning alerts for a repository", "List Dependabot
 * alerts for a repository", API version 2022-11-28). Other fields are
 * ignored; an alert without these is left out.
 */

const severity = z.string().nullable().optional();

/** One code scanning alert. */
export const codeScanningAlert = z.looseObject({
  number: z.number().int(),
  created_at: z.string(),
  html_url: z.string().optional(),
  state: z.string(),
  rule: z.looseObject({
    id: z.string().nullable().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    severity,
    security_severity_level: severity,
    tags: z.array(z.string()).nullable().optional(),
  }),
  tool: z.looseObject({ name: z.string() }),
  most_recent_instance: z
    .looseObject({
      message: z.looseObject({ text: z.string().optional() }).optional(),
      location: z
        .looseObject({
          path: z.string().optional(),
          start_line: z.number().int().optional(),
          end_line: z.number().int().optional(),
          start_column: z.number().int().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** One Dependabot alert. */
export const dependabotAlert = z.looseObject({
  number: z.number().int(),
  created_at: z.string(),
  html_url: z.string().optional(),
  state: z.string(),
  dependency: z.looseObject({
    package: z.looseObject({ ecosystem: z.string(), name: z.string() }),
    manifest_path: z.string().optional(),
  }),
  security_advisory: z.looseObject({
    ghsa_id: z.string(),
    cve_id: z.string().nullable().optional(),
    summary: z.string(),
    description: z.string().optional(),
    severity: z.string(),
  }),
  security_vulnerability: z
    .looseObject({
      vulnerable_version_range: z.string().optional(),
      first_patched_version: z
        .looseObject({ identifier: z.string() })
        .nullable()
        .optional(),
    })
    .optional(),
});

export type CodeScanningAlert = z.infer<typeof codeScanningAlert>;
export type DependabotAlert = z.infer<typeof dependabotAlert>;
