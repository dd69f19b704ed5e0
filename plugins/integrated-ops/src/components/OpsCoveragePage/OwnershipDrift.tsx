import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  TeamDrift,
  TeamDriftKind,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Text } from '@backstage/ui';
import { SectionCard } from '../shared/SectionCard';

const KIND_TITLES: Record<TeamDriftKind, string> = {
  'owner-deleted': 'Owner group gone',
  'no-members': 'No members',
  'no-lead': 'No lead',
  'rotation-member-gone': 'Leaver in a rotation',
  'vendor-person-unknown': 'Vendor on-call not in the catalog',
  'ownership-unconfirmed': 'Ownership not confirmed',
  'handover-not-in-catalog': 'Hand-over not in the catalog yet',
};

/**
 * Where ownership is no longer true: owner groups that are gone, ops teams
 * without members or lead, people who left but are still in rotations.
 */
export function OwnershipDrift(props: { drift: TeamDrift[] }) {
  const { drift } = props;
  return (
    <SectionCard title={`Ownership drift (${drift.length})`}>
      {drift.length === 0 ? (
        <Text as="p">
          Every owner group exists, every ops team has members and a lead, and
          every rotation names catalog users.
        </Text>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 20 }} aria-label="Ownership drift">
          {drift.map(d => (
            <li key={`${d.team} ${d.kind}`}>
              <Flex direction="column" gap="1">
                <Text as="span" variant="body-medium">
                  <strong>{KIND_TITLES[d.kind]}</strong>:{' '}
                  {d.kind === 'owner-deleted' ? (
                    d.team
                  ) : (
                    <EntityRefLink entityRef={d.team} />
                  )}
                </Text>
                <Text as="span" variant="body-small" color="secondary">
                  {d.message}
                  {d.entities?.length
                    ? ` (${d.entities.join(', ')}${
                        (d.entityCount ?? 0) > d.entities.length ? ', ...' : ''
                      })`
                    : ''}
                </Text>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
