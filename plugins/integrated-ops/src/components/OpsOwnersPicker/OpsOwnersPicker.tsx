import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  groupRef,
  OpsOwnersValue,
  overridesOf,
  systemOwners,
} from './systemOwners';

const teamTitle = (g: Entity) =>
  (g.spec?.profile as { displayName?: string } | undefined)?.displayName ??
  g.metadata.title ??
  g.metadata.name;

function ownerHint(chosen: boolean, inherited: boolean): string {
  if (chosen) return 'chosen here';
  return inherited
    ? 'inherited from the System'
    : 'the System has none: choose one';
}

/**
 * The NetOps, DevOps and SecOps owners of a new component, pre-filled from
 * the System chosen earlier in the form (ui:options.systemField, default
 * "system"), each editable among the teams of that discipline. Submits only
 * the owners that differ from the System's; the others stay inherited.
 */
export function OpsOwnersPicker(
  props: FieldExtensionComponentProps<OpsOwnersValue, { systemField?: string }>,
) {
  const { formData, onChange, schema, uiSchema, rawErrors } = props;
  const catalogApi = useApi(catalogApiRef);
  const systemField = uiSchema?.['ui:options']?.systemField ?? 'system';
  const allData = (props.formContext as { formData?: Record<string, unknown> })
    ?.formData;
  const systemRef = tryNormalizeEntityRef(allData?.[systemField], {
    defaultKind: 'system',
  });

  const system = useAsync(
    async () => (systemRef ? catalogApi.getEntityByRef(systemRef) : undefined),
    [catalogApi, systemRef],
  );
  const teams = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      // Every group, projected to what the menus need; the discipline is
      // picked below (few hundred groups at most).
      filter: { kind: 'group' },
      fields: ['kind', 'metadata', 'spec.profile', 'spec.opsTeam.discipline'],
    });
    return items;
  }, [catalogApi]);

  const inherited = systemOwners(system.value);
  const shown = { ...inherited, ...(formData ?? {}) };

  return (
    <FormControl component="fieldset" fullWidth error={!!rawErrors?.length}>
      <Typography variant="subtitle1">
        {schema.title ?? 'Ops owners'}
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {systemRef
          ? `Pre-filled from ${systemRef}. Keep them to inherit from the System, or choose another team.`
          : 'Choose the System first: its owners are the defaults.'}
      </Typography>
      <Grid container spacing={2}>
        {DISCIPLINES.map(d => {
          const options = (teams.value ?? []).filter(
            t =>
              (t.spec?.opsTeam as { discipline?: string } | undefined)
                ?.discipline === d,
          );
          const value = shown[d] ?? '';
          const id = `ops-owner-${d}`;
          return (
            <Grid item xs={12} md={4} key={d}>
              <FormControl fullWidth>
                <InputLabel id={`${id}-label`}>
                  {DISCIPLINE_TITLES[d]} owner
                </InputLabel>
                <Select
                  labelId={`${id}-label`}
                  id={id}
                  value={options.some(o => groupRef(o) === value) ? value : ''}
                  onChange={e => {
                    const chosen = { ...shown, [d]: String(e.target.value) };
                    onChange(overridesOf(chosen, inherited));
                  }}
                >
                  {options.map(team => (
                    <MenuItem key={groupRef(team)} value={groupRef(team)}>
                      {teamTitle(team)}
                    </MenuItem>
                  ))}
                </Select>
                <FormHelperText>
                  {ownerHint(!!formData?.[d], !!inherited[d])}
                </FormHelperText>
              </FormControl>
            </Grid>
          );
        })}
      </Grid>
    </FormControl>
  );
}
