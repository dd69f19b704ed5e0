import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  BlastRadiusNode,
  DISCIPLINE_TITLES,
  DISCIPLINES,
} from '@internal/plugin-integrated-ops-common';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { LoadError } from '../shared/LoadError';
import { useOpsData } from '../shared/useOpsData';

function ownerCell(
  node: BlastRadiusNode,
  discipline: (typeof DISCIPLINES)[number],
) {
  const owner = node.answer.owners[discipline];
  if (!owner.team) {
    return (
      <Typography color="error" variant="body2">
        missing
      </Typography>
    );
  }
  const onCall = owner.onCall.find(s => s.person)?.person;
  return (
    <>
      <EntityRefLink entityRef={owner.team.ref}>
        {owner.team.title}
      </EntityRefLink>
      <Typography variant="caption" component="div" color="textSecondary">
        {onCall ? `on call: ${onCall.name}` : 'no one on call'}
      </Typography>
    </>
  );
}

function HopTable(props: { title: string; nodes: BlastRadiusNode[] }) {
  const hops = [...new Set(props.nodes.map(n => n.hop))].sort((a, b) => a - b);
  return (
    <section aria-label={props.title}>
      <Typography variant="h6" component="h3">
        {props.title} ({props.nodes.length})
      </Typography>
      {props.nodes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None in the catalog.
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Via</TableCell>
              {DISCIPLINES.map(d => (
                <TableCell key={d}>{DISCIPLINE_TITLES[d]}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {hops.flatMap(hop => [
              <TableRow key={`hop-${hop}`}>
                <TableCell colSpan={5}>
                  <strong>
                    {hop} hop{hop > 1 ? 's' : ''} away
                  </strong>
                </TableCell>
              </TableRow>,
              ...props.nodes
                .filter(n => n.hop === hop)
                .map(node => (
                  <TableRow key={node.entityRef}>
                    <TableCell>
                      <EntityRefLink entityRef={node.entityRef}>
                        {node.answer.entity.title}
                      </EntityRefLink>
                    </TableCell>
                    <TableCell>
                      <EntityRefLink entityRef={node.via} />
                    </TableCell>
                    {DISCIPLINES.map(d => (
                      <TableCell key={d}>{ownerCell(node, d)}</TableCell>
                    ))}
                  </TableRow>
                )),
            ])}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** What else breaks (dependents) and where the cause may be (dependencies), by hop. */
export function BlastRadiusPanel(props: { entityRef: string }) {
  const [depth, setDepth] = useState(3);
  const { value, loading, error, retry } = useOpsData(
    api => api.blastRadius(props.entityRef, depth),
    [props.entityRef, depth],
  );
  const depthPicker = (
    <Select
      value={depth}
      onChange={e => setDepth(Number(e.target.value))}
      inputProps={{ 'aria-label': 'Blast radius depth' }}
    >
      {[1, 2, 3, 4, 5, 6].map(n => (
        <MenuItem key={n} value={n}>
          {n} hop{n > 1 ? 's' : ''}
        </MenuItem>
      ))}
    </Select>
  );
  let content;
  if (loading && !value) content = <Progress />;
  else if (error) content = <LoadError error={error} onRetry={retry} />;
  else if (value) {
    content = (
      <>
        <HopTable
          title="What else breaks (dependents)"
          nodes={value.dependents}
        />
        <HopTable
          title="What it depends on (possible causes)"
          nodes={value.dependencies}
        />
      </>
    );
  }
  return (
    <InfoCard title="Blast radius" action={depthPicker}>
      {content}
    </InfoCard>
  );
}
