/**
 * Typed NetOps / DevOps / SecOps ownership for the Backstage catalog.
 *
 * @packageDocumentation
 */
export * from './disciplines';
export * from './relations';
export * from './declarations/opsOwners';
export * from './declarations/opsTeam';
export type { ParseResult } from './declarations/parseResult';
export * from './onCall';
export * from './contacts';
export * from './inheritance';
export * from './coverage';
export * from './permissions';
