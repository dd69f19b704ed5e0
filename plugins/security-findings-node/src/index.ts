/**
 * Node-side extension point of security findings: modules give the
 * backend sources of findings it pulls on its schedule.
 *
 * @packageDocumentation
 */
export * from './extensionPoint';
