/**
 * Why a vendor call failed, for the answer's "provider unavailable" line.
 *
 * @public
 */
export class VendorRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'VendorRequestError';
  }
}

function describeStatus(vendor: string, status: number, retryAfter?: string) {
  if (status === 401 || status === 403) {
    return `${vendor} refused the API token (HTTP ${status}); check its configuration`;
  }
  if (status === 404) return `${vendor} does not know it (HTTP 404)`;
  if (status === 429) {
    return `${vendor} is rate limiting the portal (HTTP 429${
      retryAfter ? `, retry after ${retryAfter}s` : ''
    })`;
  }
  return `${vendor} answered HTTP ${status}`;
}

/**
 * GETs (or POSTs) JSON from a vendor API; every failure becomes a
 * VendorRequestError saying what went wrong in words an on-call engineer
 * understands. The caller's signal bounds the time.
 *
 * @public
 */
export async function vendorJson<T>(
  vendor: string,
  url: URL,
  init: RequestInit & { signal: AbortSignal },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    const reason = init.signal.aborted
      ? 'timed out'
      : `could not be reached (${(e as Error).cause ?? (e as Error).message})`;
    throw new VendorRequestError(`${vendor} ${reason}`);
  }
  if (!response.ok) {
    await response.text().catch(() => undefined);
    throw new VendorRequestError(
      describeStatus(
        vendor,
        response.status,
        response.headers.get('retry-after') ?? undefined,
      ),
      response.status,
    );
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new VendorRequestError(
      `${vendor} answered something that is not JSON`,
    );
  }
}
