import { Config } from '@backstage/config';
import { parseInput } from '@integrated-ops/plugin-integrated-ops-common';
import {
  RoutingConfig,
  routingConfigSchema,
  SlaPolicy,
  slaPolicySchema,
} from '@integrated-ops/plugin-security-findings-common';

/** integratedOps.securityFindings, read once at start, defaults filled. */
export interface SecurityFindingsOptions {
  /** Subjects of the external-access tokens that may post reports. */
  reporters: string[];
  /** Plugin ids whose service tokens may read every component's figures (GET /facts). */
  factReaders: string[];
  /** The largest report body accepted once decoded, in MiB. */
  maxReportMegabytes: number;
  routing: RoutingConfig;
  sla: SlaPolicy;
  /** How often breaches are looked for, in minutes. */
  breachCheckMinutes: number;
  /** How often findings sources (modules) are pulled, in minutes. */
  pullMinutes: number;
  /** Sample reports posted at start through the report route (development). */
  sampleReports?: { dir: string; token: string };
}

/** The parsers' own cap (64 MiB of text): a larger body could never be read. */
export const MAX_REPORT_MEGABYTES = 64;

export function readSecurityFindingsOptions(
  config: Config,
): SecurityFindingsOptions {
  const section = config.getOptionalConfig('integratedOps.securityFindings');
  const reporters = section?.getOptionalStringArray('reporters') ?? [];
  const factReaders = section?.getOptionalStringArray('factReaders') ?? [
    'tech-insights',
  ];
  const maxReportMegabytes =
    section?.getOptionalNumber('maxReportMegabytes') ?? MAX_REPORT_MEGABYTES;
  if (
    !Number.isFinite(maxReportMegabytes) ||
    maxReportMegabytes <= 0 ||
    maxReportMegabytes > MAX_REPORT_MEGABYTES
  ) {
    throw new Error(
      `integratedOps.securityFindings.maxReportMegabytes must be more than 0 and at most ${MAX_REPORT_MEGABYTES}, not ${maxReportMegabytes}`,
    );
  }
  const breachCheckMinutes =
    section?.getOptionalNumber('breachCheckMinutes') ?? 5;
  if (
    !Number.isFinite(breachCheckMinutes) ||
    breachCheckMinutes <= 0 ||
    breachCheckMinutes > 24 * 60
  ) {
    throw new Error(
      `integratedOps.securityFindings.breachCheckMinutes must be more than 0 and at most 1440, not ${breachCheckMinutes}`,
    );
  }
  const read = <T>(schema: { parse(v: unknown): T }, key: string) => {
    try {
      return parseInput(schema as any, section?.getOptional(key) ?? {}) as T;
    } catch (e) {
      throw new Error(
        `integratedOps.securityFindings.${key} is invalid: ${
          (e as Error).message
        }`,
      );
    }
  };
  const samples = section?.getOptionalConfig('sampleReports');
  const sampleReports =
    samples && samples.getOptionalBoolean('enabled') !== false
      ? { dir: samples.getString('dir'), token: samples.getString('token') }
      : undefined;
  const pullMinutes = section?.getOptionalNumber('pullMinutes') ?? 60;
  if (
    !Number.isFinite(pullMinutes) ||
    pullMinutes < 1 ||
    pullMinutes > 7 * 24 * 60
  ) {
    throw new Error(
      `integratedOps.securityFindings.pullMinutes must be at least 1 and at most 10080, not ${pullMinutes}`,
    );
  }
  return {
    pullMinutes,
    sampleReports,
    reporters,
    factReaders,
    maxReportMegabytes,
    routing: read(routingConfigSchema, 'routing'),
    sla: read(slaPolicySchema, 'sla'),
    breachCheckMinutes,
  };
}
