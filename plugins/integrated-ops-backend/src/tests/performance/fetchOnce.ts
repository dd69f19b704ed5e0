/**
 * fetch, retried once when the server closed a kept-alive connection that the
 * client reused (ECONNRESET / "other side closed") - a race between Node's
 * fetch and the backend's keep-alive timeout after an idle phase.
 */
export async function fetchOnce(
  url: string,
  init?: RequestInit,
): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error: any) {
    const code = error?.cause?.code;
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
      return fetch(url, init);
    }
    throw error;
  }
}
