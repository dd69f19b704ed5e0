import fc from 'fast-check';
import { classifyQuery } from './classifyQuery';

const KINDS = new Set(['ip', 'cidr', 'url', 'ref', 'hostname', 'name']);

describe('classifyQuery', () => {
  it('classifies anything pasted into the lookup without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.webUrl(),
          fc.domain(),
          fc.constantFrom(
            '\u0000',
            'http://',
            'component:',
            ':/',
            '[::1]',
            '1.2.3.4/99',
          ),
        ),
        q => {
          expect(KINDS.has(classifyQuery(q).kind)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads every IPv4 and IPv6 address as an address', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), ip => {
        expect(classifyQuery(ip).kind).toBe('ip');
      }),
      { numRuns: 1000 },
    );
  });

  it('reads an address with a prefix length in range as a CIDR', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        expect(classifyQuery(`${ip}/${prefix}`).kind).toBe('cidr');
      }),
    );
  });

  it('reads a URL as its hostname', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, path) => {
        expect(classifyQuery(`https://${host}${path}`)).toEqual({
          kind: 'url',
          hostname: host.toLowerCase(),
        });
      }),
    );
  });
});
