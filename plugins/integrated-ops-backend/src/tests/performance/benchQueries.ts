import { EstateSize, segmentBlock } from './syntheticEstate';

/**
 * The i-th query of each kind, spread over the estate. Each kind asks about
 * a different service: when two kinds asked about the same one in turn, the
 * second found its entity and teams already in the CPU caches and measured
 * about twice as fast in-process.
 */
export const benchQueries = (size: EstateSize) => {
  const pick = (i: number) => (i * 7919) % size.components;
  const third = Math.floor(size.components / 3);
  return {
    ref: (i: number) => `component:default/svc-${pick(i)}`,
    hostname: (i: number) => `svc-${pick(i + third)}.bench.internal`,
    ip: (i: number) =>
      segmentBlock(pick(i + 2 * third) % size.segments).host.replace(
        /\.\d+$/,
        '.3',
      ),
  };
};
