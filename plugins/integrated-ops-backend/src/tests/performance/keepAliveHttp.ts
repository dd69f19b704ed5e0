import http from 'http';

/**
 * A plain HTTP/1.1 client on one kept-alive loopback connection: what a
 * command-line tool or another service does, and cheap enough that the
 * timings measure the server rather than the client.
 */
export class KeepAliveHttp {
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  request(
    path: string,
    init: { method?: string; json?: unknown } = {},
  ): Promise<{ status: number; body: string }> {
    const payload =
      init.json === undefined ? undefined : JSON.stringify(init.json);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          agent: this.#agent,
          method: init.method ?? 'GET',
          headers: payload
            ? {
                ...this.headers,
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              }
            : this.headers,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * GET or POST whose answer is counted and dropped, not kept: a caller of
   * large answers whose own parsing should not be timed.
   */
  bytes(
    path: string,
    init: { method?: string; json?: unknown } = {},
  ): Promise<number> {
    const payload =
      init.json === undefined ? undefined : JSON.stringify(init.json);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          agent: this.#agent,
          method: init.method ?? 'GET',
          headers: payload
            ? {
                ...this.headers,
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              }
            : this.headers,
        },
        res => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () =>
            (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300
              ? resolve(bytes)
              : reject(new Error(`${path}: ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** GET or POST, parsed as JSON; anything but 2xx is an error naming the path. */
  async json(
    path: string,
    init?: { method?: string; json?: unknown },
  ): Promise<any> {
    const { status, body } = await this.request(path, init);
    if (status < 200 || status > 299) throw new Error(`${path}: ${status}`);
    return JSON.parse(body);
  }

  close() {
    this.#agent.destroy();
  }
}
