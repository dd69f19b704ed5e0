/**
 * A reach question as typed in the incident lookup.
 *
 * @public
 */
export interface ReachQuery {
  /** Where the traffic starts: an entity name or ref, or an IP address. */
  from: string;
  /** Where it goes. */
  to: string;
  /** `5432`, `53/UDP`. */
  port: string;
}

const PORT = String.raw`(\d{1,5}(?:/[A-Za-z]+)?)`;
const FORWARD = new RegExp(String.raw`^(.+?)\s*->\s*(.+?):${PORT}$`);
const BACKWARD = new RegExp(String.raw`^(.+?):${PORT}\s*<-\s*(.+)$`);

/**
 * `payments-web -> fraud-cases-db:5432` or `10.20.3.14:8443 <- payments-web`
 * (the destination carries the port; entity refs may hold colons) as a
 * reach question; undefined for anything else, which is an ordinary lookup.
 *
 * @public
 */
export function parseReachQuery(text: string): ReachQuery | undefined {
  const t = text.trim();
  const forward = FORWARD.exec(t);
  if (forward) {
    return { from: forward[1].trim(), to: forward[2].trim(), port: forward[3] };
  }
  const backward = BACKWARD.exec(t);
  if (backward) {
    return {
      from: backward[3].trim(),
      to: backward[1].trim(),
      port: backward[2],
    };
  }
  return undefined;
}
