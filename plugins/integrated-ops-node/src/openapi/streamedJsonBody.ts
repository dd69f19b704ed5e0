import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { Request } from 'express';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** An error carrying the HTTP status Backstage's error handler answers with. */
function httpError(statusCode: number, message: string) {
  return Object.assign(new Error(message), { statusCode });
}

/** The body as sent, inflated as its Content-Encoding says; a 415 for any other. */
function decoded(req: Request): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .trim();
  switch (encoding) {
    case 'identity':
      return req;
    case 'gzip':
      return req.pipe(createGunzip());
    case 'deflate':
      return req.pipe(createInflate());
    case 'br':
      return req.pipe(createBrotliDecompress());
    default:
      throw httpError(415, `unsupported content encoding "${encoding}"`);
  }
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
  const tokenizer = new Tokenizer({ numberBufferSize: 0 });
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  let value: unknown;
  let first = true;
  parser.onValue = ({ value: v }) => {
    value = v;
  };
  tokenizer.onToken = ({ token, value: v }) => {
    if (
      first &&
      token !== TokenType.LEFT_BRACE &&
      token !== TokenType.LEFT_BRACKET
    ) {
      throw new SyntaxError('the body must be a JSON object or array');
    }
    first = false;
    parser.write({ token, value: v });
  };
  let bytes = 0;
  try {
    for await (const chunk of source) {
      bytes += (chunk as Buffer).length;
      if (bytes > limitBytes) {
        throw httpError(413, 'request entity too large');
      }
      tokenizer.write(chunk as Buffer);
    }
    if (bytes === 0) return {};
    tokenizer.end();
    // Ends mid-value: the token parser refuses it; nothing at all: so do we.
    if (!parser.isEnded) parser.end();
    if (value === undefined) throw new SyntaxError('no JSON value');
  } catch (error) {
    // Nothing more is read; what is in flight is dropped.
    if (source !== req) source.destroy();
    req.unpipe();
    req.resume();
    if ((error as { statusCode?: number }).statusCode) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) {
      throw httpError(400, `the body does not inflate: ${error}`);
    }
    throw httpError(
      400,
      `the body is not JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  return value;
}
