import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * The fingerprint of a finding from the parts of its identity: hex SHA-256
 * of the parts joined by NUL. The parts never hold a control character (the
 * parsers refuse them), so the join is unambiguous.
 *
 * @public
 */
export function fingerprintOf(parts: readonly string[]): string {
  return bytesToHex(sha256(utf8ToBytes(parts.join('\u0000'))));
}

/**
 * The fingerprint of a dependency or image vulnerability: advisory id +
 * package + installed version, whichever tool reported it, so Trivy and
 * Grype agree on the same CVE in the same package version.
 *
 * @public
 */
export function vulnerabilityFingerprint(
  advisoryId: string,
  packageName: string,
  installedVersion: string,
): string {
  return fingerprintOf([
    'vulnerability',
    advisoryId.toUpperCase(),
    packageName,
    installedVersion,
  ]);
}
