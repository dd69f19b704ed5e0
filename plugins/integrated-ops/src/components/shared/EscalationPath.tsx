import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EscalationStep } from '@internal/plugin-integrated-ops-common';
import Typography from '@material-ui/core/Typography';

/** The owning team, then each team it escalates to, with who is on call there. */
export function EscalationPath(props: { steps: EscalationStep[] }) {
  if (props.steps.length <= 1 && !props.steps[0]?.lead) return null;
  return (
    <div>
      <Typography variant="overline" component="div">
        Escalation
      </Typography>
      <ol style={{ margin: 0, paddingLeft: 20 }} aria-label="Escalation path">
        {props.steps.map(step => {
          const onCall = step.onCall.find(s => s.person)?.person;
          return (
            <li key={step.team}>
              <Typography variant="body2" component="span">
                <EntityRefLink entityRef={step.team}>
                  {step.title}
                </EntityRefLink>
                {step.socTier ? ` (SOC tier ${step.socTier})` : ''}
                {onCall ? ` - on call: ${onCall.name}` : ''}
                {step.lead ? ` - lead: ${step.lead.name}` : ''}
              </Typography>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
