import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  describeProviderEscalation,
  EscalationStep,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Text } from '@backstage/ui';
import { contactText } from './contactText';

/** The owning team, then each team it escalates to, with who is on call there and its lead. */
export function EscalationPath(props: { steps: EscalationStep[] }) {
  const first = props.steps[0];
  if (props.steps.length <= 1 && !first?.lead && !first?.policies?.length) {
    return null;
  }
  return (
    <div>
      <Text as="h4" variant="body-small" weight="bold">
        Escalation
      </Text>
      <ol style={{ margin: 0, paddingLeft: 20 }} aria-label="Escalation path">
        {props.steps.map(step => {
          const onCall = step.onCall.find(s => s.person)?.person;
          const phone = step.contacts.find(
            c => c.type === 'pager' || c.type === 'phone',
          );
          return (
            <li key={step.team}>
              <Text as="span" variant="body-small">
                <EntityRefLink entityRef={step.team}>
                  {step.title}
                </EntityRefLink>
                {step.socTier ? ` (SOC tier ${step.socTier})` : ''}
                {onCall ? ` - on call: ${onCall.name}` : ''}
                {step.lead ? ` - lead: ${step.lead.name}` : ''}
                {phone ? ` - ${contactText(phone)}` : ''}
              </Text>
              {step.policies?.map(policy => (
                <Text
                  as="p"
                  variant="body-small"
                  color="secondary"
                  key={`${policy.provider}:${policy.id}`}
                >
                  {describeProviderEscalation(policy)}
                </Text>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
