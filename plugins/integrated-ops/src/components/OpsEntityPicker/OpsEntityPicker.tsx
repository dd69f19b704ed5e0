import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Combobox } from '@backstage/ui';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { byRelevance, relevance } from './relevance';

/** Entities of the picker's kinds read once; past this, type more of the name. */
const CANDIDATES = 2000;

type CatalogFilter = Record<string, string | string[]>;

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;

/**
 * An entity by what people call it: typing its name (`payments-web`), its
 * title (`Payments Web`) or its ref finds it, best match first; each option
 * names the ref under the title. The value is the entity ref, as the stock
 * EntityPicker's. ui:options.catalogFilter narrows the kinds as there.
 */
export function OpsEntityPicker(
  props: FieldExtensionComponentProps<
    string,
    { catalogFilter?: CatalogFilter | CatalogFilter[] }
  >,
) {
  const { formData, onChange, schema, uiSchema, rawErrors, required } = props;
  const catalogApi = useApi(catalogApiRef);
  const filter = uiSchema?.['ui:options']?.catalogFilter;
  const [input, setInput] = useState<string>();

  const candidates = useAsync(async () => {
    const { items } = await catalogApi.queryEntities({
      filter,
      limit: CANDIDATES,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return new Map(items.map(e => [stringifyEntityRef(e), e]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, JSON.stringify(filter)]);

  // A value given beforehand (a link pre-fills the form) shows by its title.
  const shown =
    input ??
    (formData && candidates.value?.get(formData)
      ? titleOf(candidates.value.get(formData)!)
      : formData ?? '');

  const options = useMemo(
    () =>
      byRelevance([...(candidates.value?.values() ?? [])], shown).map(e => ({
        id: stringifyEntityRef(e),
        label: titleOf(e),
        description: stringifyEntityRef(e),
      })),
    // Ordered for what is typed; the chosen title keeps the order as it was.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [candidates.value, input],
  );

  return (
    <Combobox
      label={schema.title}
      description={
        rawErrors?.length ? rawErrors.join('; ') : schema.description
      }
      isRequired={required}
      options={options}
      search={{
        inputValue: shown,
        onInputChange: setInput,
        filter: (option, typed) => {
          const entity = candidates.value?.get(String(option.id));
          return typed === shown && !input // nothing typed yet: everything
            ? true
            : !!entity && relevance(entity, typed) !== undefined;
        },
      }}
      selectedKey={formData ?? null}
      onSelectionChange={key => {
        // The field then shows the choice by its title, whatever was typed.
        setInput(undefined);
        onChange(key ? String(key) : undefined);
      }}
      placeholder="Name, title or ref"
    />
  );
}
