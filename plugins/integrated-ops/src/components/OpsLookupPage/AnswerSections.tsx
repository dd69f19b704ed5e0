import { Flex } from '@backstage/ui';
import { LookupAnswerEntityProvider } from '@integrated-ops/plugin-integrated-ops-react';

/** A section other plugins add to the answer (LookupAnswerSectionBlueprint). */
export interface AnswerSection {
  id: string;
  element: JSX.Element;
  /** Lower-case kinds it is for; absent, every kind. */
  kinds?: string[];
}

/** The sections that are for the answered entity's kind, each told the entity. */
export function AnswerSections(props: {
  sections: AnswerSection[];
  entity: { ref: string; kind: string };
}) {
  const { sections, entity } = props;
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const shown = sections.filter(s => !s.kinds || s.kinds.includes(kind));
  if (!shown.length) return null;
  return (
    <LookupAnswerEntityProvider entity={entity}>
      <Flex direction="column" gap="4">
        {shown.map(s => (
          <div key={s.id}>{s.element}</div>
        ))}
      </Flex>
    </LookupAnswerEntityProvider>
  );
}
