import {
  coreExtensionData,
  createExtensionBlueprint,
  createExtensionDataRef,
  ExtensionBoundary,
} from '@backstage/frontend-plugin-api';

/**
 * The entity kinds a lookup answer section is for, lower-case; absent, every
 * kind.
 *
 * @public
 */
export const lookupAnswerSectionKindsDataRef = createExtensionDataRef<
  string[]
>().with({ id: 'integrated-ops.lookup-answer-section.kinds' });

/**
 * A section of the incident lookup's answer, shown under the owners for the
 * entity the lookup answered with (now, not as of a past moment). Other
 * plugins add what they know of that entity at incident time; the section
 * reads the entity with `useLookupAnswerEntity`.
 *
 * @public
 */
export const LookupAnswerSectionBlueprint = createExtensionBlueprint({
  kind: 'lookup-answer-section',
  attachTo: { id: 'page:integrated-ops/lookup', input: 'answerSections' },
  output: [
    coreExtensionData.reactElement,
    lookupAnswerSectionKindsDataRef.optional(),
  ],
  dataRefs: { kinds: lookupAnswerSectionKindsDataRef },
  *factory(
    params: {
      /** The section, loaded when an answer first shows it. */
      loader: () => Promise<JSX.Element>;
      /** The entity kinds it is for; absent, every kind. */
      kinds?: string[];
    },
    { node },
  ) {
    yield coreExtensionData.reactElement(
      ExtensionBoundary.lazy(node, params.loader),
    );
    if (params.kinds) {
      yield lookupAnswerSectionKindsDataRef(
        params.kinds.map(k => k.toLocaleLowerCase('en-US')),
      );
    }
  },
});
