import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINE_TITLES,
  DisciplineAnswer,
} from '@internal/plugin-integrated-ops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ContactLinks } from './ContactLinks';
import { EscalationPath } from './EscalationPath';
import { OnCallList } from './OnCallList';
import { OwnerSourceChip } from './OwnerSourceChip';

/**
 * One discipline's owner: the team, where the ownership came from, who is on
 * call now, how to reach them and where to escalate.
 */
export function DisciplineColumn(props: {
  answer: DisciplineAnswer;
  showEscalation?: boolean;
}) {
  const { answer, showEscalation = true } = props;
  const title = DISCIPLINE_TITLES[answer.discipline];
  return (
    <Box
      component="section"
      aria-label={`${title} owner`}
      display="flex"
      flexDirection="column"
      style={{ gap: 8 }}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h6" component="h3">
          {title}
        </Typography>
        <OwnerSourceChip answer={answer} />
      </Box>
      {answer.source === 'inherited' && answer.declaredOn && (
        <Typography variant="caption" color="textSecondary">
          from <EntityRefLink entityRef={answer.declaredOn} />
        </Typography>
      )}
      {answer.source === 'missing' && (
        <Alert severity="error">
          No {title} owner. Set <code>spec.opsOwners.{answer.discipline}</code>{' '}
          here or on its System.
        </Alert>
      )}
      {answer.ownerRef && !answer.teamKnown && (
        <Alert severity="warning">
          {answer.ownerRef} is not in the catalog.
        </Alert>
      )}
      {answer.team && (
        <>
          <Typography variant="subtitle1" component="div">
            <EntityRefLink entityRef={answer.team.ref}>
              {answer.team.title}
            </EntityRefLink>
          </Typography>
          <OnCallList onCall={answer.onCall} />
          <ContactLinks links={answer.team.contacts} />
          {showEscalation && <EscalationPath steps={answer.escalation} />}
        </>
      )}
    </Box>
  );
}
