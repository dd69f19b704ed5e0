/**
 * PagerDuty on-call and alert forwarding for the integrated-ops lookup.
 *
 * @packageDocumentation
 */
export { integratedOpsModulePagerDuty as default } from './module';
export {
  PAGERDUTY_ESCALATION_POLICY_ANNOTATION,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
  PAGERDUTY_SCHEDULE_ANNOTATION,
} from './PagerDutyProvider';
