import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  describeProviderEscalation,
  EscalationStep,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Text } from '@backstage/ui';
import { contactText } from './contactText';

/** A step's vendor escalation policies, one line each. */
function Policies(props: { step: EscalationStep }) {
  return (
    <>
      {props.step.policies?.map(policy => (
        <Text
          as="p"
          variant="body-small"
          color="secondary"
          key={`${policy.provider}:${policy.id}`}
        >
          {describeProviderEscalation(policy)}
        </Text>
      ))}
    </>
  );
}

/**
 * Where to escalate after the owning team, which the reader sees just above:
 * each team it escalates to with who is on call there and its lead (a lead
 * who is the one on call is named once). The owning team's own step stays
 * only for what is not said above: its lead, its vendor escalation policy.
 */
export function EscalationPath(props: { steps: EscalationStep[] }) {
  const [own, ...next] = props.steps;
  if (!own) return null;
  const ownOnCall = own.onCall.find(s => s.person)?.person;
  const ownLead =
    own.lead && own.lead.ref !== ownOnCall?.ref ? own.lead : undefined;
  if (!next.length && !ownLead && !own.policies?.length) return null;
  return (
    <div>
      <Text as="h4" variant="body-small" weight="bold">
        Escalation
      </Text>
      {ownLead && (
        <Text as="p" variant="body-small">
          Team lead: {ownLead.name}
        </Text>
      )}
      <Policies step={own} />
      {next.length > 0 && (
        <ol
          start={2}
          style={{ margin: 0, paddingLeft: 20 }}
          aria-label="Escalation path"
        >
          {next.map(step => {
            const onCall = step.onCall.find(s => s.person)?.person;
            const phone = step.contacts.find(
              c => c.type === 'pager' || c.type === 'phone',
            );
            const lead =
              step.lead && step.lead.ref !== onCall?.ref
                ? step.lead
                : undefined;
            return (
              <li key={step.team}>
                <Text as="span" variant="body-small">
                  <EntityRefLink entityRef={step.team}>
                    {step.title}
                  </EntityRefLink>
                  {step.socTier ? ` (SOC tier ${step.socTier})` : ''}
                  {onCall ? ` - on call: ${onCall.name}` : ''}
                  {lead ? ` - lead: ${lead.name}` : ''}
                  {phone ? ` - ${contactText(phone)}` : ''}
                </Text>
                <Policies step={step} />
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
