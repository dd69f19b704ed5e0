const NETWORK_WORDS =
  /network[ _-]?polic|security[ _-]?group|firewall|\bnsg\b|ingress|egress|0\.0\.0\.0\/0|::\/0|public[ _-]?(ip|internet|access)|\bcidr\b|\bvpc\b|\bsubnet\b/i;

/**
 * Whether an infrastructure misconfiguration is about the network
 * (Kubernetes NetworkPolicy, cloud security groups and firewall rules,
 * ingress from anywhere, open ports), judged from the texts the scanner gives
 * (its check type, id, title, message and the resource it names). Such
 * findings are routed to NetOps by default.
 *
 * @public
 */
export function isNetworkMisconfiguration(
  texts: ReadonlyArray<string | undefined>,
): boolean {
  return texts.some(text => text !== undefined && NETWORK_WORDS.test(text));
}
