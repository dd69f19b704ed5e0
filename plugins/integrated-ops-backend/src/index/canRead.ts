/** Which index entries a caller may see: the refs they may read in the catalog. */
export type CanRead = (ref: string) => boolean;

/** For callers that may read everything (and for in-process use). */
export const readsEverything: CanRead = () => true;
