import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Combobox } from '@backstage/ui';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { byRelevance, relevance, searchTerm } from './relevance';

/** Entities of the picker's kinds read at once; past them the catalog is searched as one types. */
const CANDIDATES = 2000;
/** Options listed at once (the best matches). */
const SHOWN = 100;
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
];

type CatalogFilter = Record<string, string | string[]>;

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;
const refOf = (e: Entity) => stringifyEntityRef(e);

/**
 * An entity by what people call it: typing its name (`payments-web`), its
 * title (`Payments Web`) or its ref finds it, best match first; each option
 * names the ref under the title. Enter or Tab on an exact name or title
 * chooses it; emptying the field clears it. The value is the entity ref, as
 * the stock EntityPicker's; ui:options.catalogFilter narrows the kinds as
 * there.
 */
export function OpsEntityPicker(
  props: FieldExtensionComponentProps<
    string,
    { catalogFilter?: CatalogFilter | CatalogFilter[] }
  >,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    idSchema,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const filter = uiSchema?.['ui:options']?.catalogFilter;
  const filterKey = JSON.stringify(filter);
  const [input, setInput] = useState<string>();
  const [pickedTitle, setPickedTitle] = useState<string>();
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(searchTerm(input ?? '')), 200, [input]);

  const candidates = useAsync(async () => {
    const { items, totalItems } = await catalogApi.queryEntities({
      filter,
      limit: CANDIDATES,
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: FIELDS,
    });
    return { items, all: totalItems <= items.length };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, filterKey]);

  // More entities than were read: the catalog searches name and title.
  const searched = useAsync(async () => {
    if (!term || candidates.value?.all !== false) return [];
    const { items } = await catalogApi.queryEntities({
      filter,
      limit: SHOWN,
      fullTextFilter: { term, fields: ['metadata.name', 'metadata.title'] },
      fields: FIELDS,
    });
    return items;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, filterKey, term, candidates.value?.all]);

  const known = useMemo(() => {
    const map = new Map<string, Entity>();
    for (const e of [
      ...(candidates.value?.items ?? []),
      ...(searched.value ?? []),
    ]) {
      map.set(refOf(e), e);
    }
    return map;
  }, [candidates.value, searched.value]);

  // A value given beforehand (a link pre-fills the form) shows by its title.
  const chosen = formData
    ? known.get(formData.toLocaleLowerCase('en-US'))
    : undefined;
  const shown =
    input ?? pickedTitle ?? (chosen ? titleOf(chosen) : formData ?? '');
  const ranked = useMemo(
    () => byRelevance([...known.values()], input ?? ''),
    [known, input],
  );
  const options = ranked.slice(0, SHOWN).map(e => ({
    id: refOf(e),
    label: titleOf(e),
    description: refOf(e),
  }));

  let description = schema.description;
  if (candidates.error) {
    description = `The catalog could not be read: ${candidates.error.message}`;
  }

  return (
    <Combobox
      id={idSchema?.$id}
      label={schema.title}
      description={description}
      isRequired={required}
      isInvalid={!!rawErrors?.length}
      options={options}
      search={{
        inputValue: shown,
        onInputChange: value => {
          setInput(value);
          setPickedTitle(undefined);
          // Emptied: nothing chosen any more (an optional field can be cleared).
          if (!value.trim() && formData) onChange(undefined);
        },
        // The options are already the matches, best first.
        filter: () => true,
      }}
      selectedKey={formData ? formData.toLocaleLowerCase('en-US') : null}
      onSelectionChange={key => {
        let ref = key ? String(key) : undefined;
        // Enter or Tab with nothing highlighted keeps the previous choice:
        // an exact name, title or ref typed is what was meant.
        const best = input?.trim() ? ranked[0] : undefined;
        if (best && ref === formData && (relevance(best, input!) ?? 9) <= 1) {
          ref = refOf(best);
        }
        // The box shows the choice's title at once: the form's value arrives
        // a render later, and an input that changed meanwhile (to '' and
        // back) would reopen the list under the pointer. Only shown: the
        // list ranks from scratch again.
        const picked = ref ? known.get(ref) : undefined;
        setPickedTitle(picked ? titleOf(picked) : undefined);
        setInput(undefined);
        onChange(ref);
      }}
      placeholder="Name, title or ref"
      // The list opens as one types (or by its button), not on focus (BUI's
      // default): focus coming back to the field after a choice would
      // reopen the whole list over the next field.
      menuTrigger="input"
    />
  );
}
