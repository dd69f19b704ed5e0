const DAY = 86_400_000;

/**
 * When an access rule's `integrated-ops.io/expires-at` ends it (epoch ms):
 * a day (`2026-10-31`) at its close, UTC; an instant at itself; `never`,
 * absent or unreadable, never (undefined).
 *
 * @public
 */
export function accessEndsAt(
  expiresAt: string | undefined,
): number | undefined {
  if (!expiresAt || expiresAt === 'never') return undefined;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(expiresAt) ? at + DAY : at;
}
