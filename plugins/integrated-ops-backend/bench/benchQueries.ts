import { EstateSize, segmentBlock } from './syntheticEstate';

/** The i-th query of each kind, spread over the estate; all three name the same service. */
export const benchQueries = (size: EstateSize) => {
  const pick = (i: number) => (i * 7919) % size.components;
  return {
    ref: (i: number) => `component:default/svc-${pick(i)}`,
    hostname: (i: number) => `svc-${pick(i)}.bench.internal`,
    ip: (i: number) =>
      segmentBlock(pick(i) % size.segments).host.replace(/\.\d+$/, '.3'),
  };
};
