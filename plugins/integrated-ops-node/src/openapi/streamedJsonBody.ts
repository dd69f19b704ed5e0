import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { Request } from 'express';
import { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Nesting refused while reading (no report format nests a tenth as deep). */
const MAX_DEPTH = 512;
/** Characters of a string or number gathered in a typed buffer, not one array entry each. */
const TOKEN_BUFFER = 64 * 1024;

/** An error carrying the HTTP status Backstage's error handler answers with. */
function httpError(statusCode: number, message: string) {
  return Object.assign(new Error(message), { statusCode });
}

/** What a request that ended before its body was whole is refused with. */
const cutShort = () => httpError(400, 'the body ended before it was whole');

/**
 * The body as sent, inflated as its Content-Encoding says (a 415 for any
 * other). A request cut short ends the inflated stream with an error
 * rather than leaving it open (and its reader waiting).
 */
function decoded(req: Request): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .trim();
  if (encoding === 'identity') return req;
  const inflate = (
    {
      gzip: createGunzip,
      deflate: createInflate,
      br: createBrotliDecompress,
    } as Record<string, () => Transform>
  )[encoding];
  if (!inflate) {
    throw httpError(415, `unsupported content encoding "${encoding}"`);
  }
  const inflated = inflate();
  req.once('close', () => {
    if (!req.complete) inflated.destroy(cutShort());
  });
  return req.pipe(inflated);
}

/** Each chunk of the stream to `onChunk`, until it ends, fails or `onChunk` throws. */
function eachChunk(
  req: Request,
  source: Readable,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    function stop(error: unknown) {
      source.off('data', onData);
      // Nothing more is parsed; the rest of the body is read and dropped,
      // so the answer (413, 400) still reaches the client.
      if (source !== req) {
        req.unpipe(source as Transform);
        source.destroy();
      }
      req.resume();
      reject(error);
    }
    function onData(chunk: Buffer) {
      try {
        onChunk(chunk);
      } catch (error) {
        stop(error);
      }
    }
    source.on('data', onData);
    source.once('end', () => resolve());
    source.once('error', stop);
    if (source === req) {
      req.once('close', () => {
        if (!req.complete) stop(cutShort());
      });
    }
  });
}

/**
 * A JSON body read as it arrives: inflated chunk by chunk, tokenized from
 * the bytes and assembled into the one value it holds, so the document is
 * never held as text (a whole Buffer, then a whole string) beside its
 * value, as `express.json` holds it. Over `limitBytes` once inflated: 413
 * (nothing more is read); not JSON, or a bare string or number: 400; a
 * charset other than UTF-8: 415. An empty body is `{}`, as `express.json`
 * reads it.
 */
export async function readStreamedJson(
  req: Request,
  limitBytes: number,
  maxDepth = MAX_DEPTH,
): Promise<unknown> {
  const charset = /;\s*charset=([^;\s]+)/i
    .exec(req.headers['content-type'] ?? '')?.[1]
    ?.replace(/"/g, '')
    .toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw httpError(415, `unsupported charset "${charset.toUpperCase()}"`);
  }
  const declared = Number(req.headers['content-length']);
  if (
    !req.headers['content-encoding'] &&
    Number.isFinite(declared) &&
    declared > limitBytes
  ) {
    throw httpError(413, 'request entity too large');
  }
  const source = decoded(req);
  const tokenizer = new Tokenizer({
    stringBufferSize: TOKEN_BUFFER,
    numberBufferSize: TOKEN_BUFFER,
  });
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  let value: unknown;
  let first = true;
  parser.onValue = ({ value: v }) => {
    value = v;
  };
  let depth = 0;
  tokenizer.onToken = ({ token, value: v }) => {
    if (
      first &&
      token !== TokenType.LEFT_BRACE &&
      token !== TokenType.LEFT_BRACKET
    ) {
      throw new SyntaxError('the body must be a JSON object or array');
    }
    first = false;
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      depth += 1;
      if (depth > maxDepth) {
        throw httpError(
          400,
          `the body nests deeper than ${maxDepth} levels (too-deep)`,
        );
      }
    } else if (
      token === TokenType.RIGHT_BRACE ||
      token === TokenType.RIGHT_BRACKET
    ) {
      depth -= 1;
    }
    parser.write({ token, value: v });
  };
  let bytes = 0;
  try {
    await eachChunk(req, source, chunk => {
      bytes += chunk.length;
      if (bytes > limitBytes) {
        throw httpError(413, 'request entity too large');
      }
      tokenizer.write(chunk);
    });
    if (bytes === 0) return {};
    tokenizer.end();
    // Ends mid-value: the token parser refuses it; nothing at all: so do we.
    if (!parser.isEnded) parser.end();
    if (value === undefined) throw new SyntaxError('no JSON value');
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR__')) {
      throw httpError(400, `the body does not inflate: ${error}`);
    }
    throw httpError(
      400,
      `the body is not JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  return value;
}
