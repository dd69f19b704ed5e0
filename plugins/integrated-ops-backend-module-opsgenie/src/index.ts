/**
 * Opsgenie on-call for the integrated-ops lookup.
 *
 * @packageDocumentation
 */
export { integratedOpsModuleOpsgenie as default } from './module';
export {
  OPSGENIE_SCHEDULE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
} from './OpsgenieProvider';
