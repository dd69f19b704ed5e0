import { Text } from '@backstage/ui';
import {
  ChangeConnectivity,
  describeAllowingRule,
} from '@integrated-ops/plugin-ops-requests-common';

type Connection = ChangeConnectivity['added'][number];

/** `component:default/payments-web` → `payments-web`; anything else as it is. */
const short = (end: string) => end.replace(/^[a-z]+:default\//i, '');

const line = (c: Connection, what: 'added' | 'removed' | 'changed') => {
  const pair = `${short(c.from)} -> ${short(c.to)}`;
  if (what === 'added') return `adds ${pair}: ${c.after}`;
  if (what === 'removed') return `removes ${pair}: ${c.before}`;
  return `changes ${pair}: ${c.before} becomes ${c.after}`;
};

/**
 * What a change does to the network, as the backend computed it at filing:
 * the connections it adds, removes and changes, and the rules that already
 * allowed the flow. Absent effect: says why there is none to show.
 */
export function NetworkEffect(props: { connectivity?: ChangeConnectivity }) {
  const effect = props.connectivity;
  if (!effect) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        Not computed: the infrastructure repository's main could not be read
        when this was filed (or it was filed before the portal computed it).
      </Text>
    );
  }
  const lines = [
    ...effect.added.map(c => line(c, 'added')),
    ...effect.removed.map(c => line(c, 'removed')),
    ...effect.changed.map(c => line(c, 'changed')),
  ];
  return (
    <>
      {lines.length > 0 ? (
        <ul aria-label="Network effect">
          {lines.map(l => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : (
        <Text as="p">Adds and removes no connection.</Text>
      )}
      {effect.truncated && (
        <Text as="p" variant="body-small">
          More connections than shown (100 of each kind at most).
        </Text>
      )}
      {effect.alreadyAllowedBy.length > 0 && (
        <Text as="p" variant="body-small">
          Already allowed by{' '}
          {effect.alreadyAllowedBy.map(describeAllowingRule).join('; ')}.
        </Text>
      )}
      {effect.problems.length > 0 && (
        <Text as="p" variant="body-small" color="danger">
          Not understood: {effect.problems.join('; ')}
        </Text>
      )}
      <Text as="p" variant="body-small" color="secondary">
        Computed from the NetworkPolicies on main
        {effect.base ? ` at ${effect.base.slice(0, 12)}` : ''} and the reviewed
        commit.
      </Text>
    </>
  );
}
