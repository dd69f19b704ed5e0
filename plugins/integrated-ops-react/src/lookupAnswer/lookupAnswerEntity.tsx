import { createContext, ReactNode, useContext } from 'react';

/**
 * The entity a lookup answered with, as its sections see it.
 *
 * @public
 */
export interface LookupAnswerEntity {
  /** Its entity ref, `kind:namespace/name`. */
  ref: string;
  /** Its kind as the catalog spells it (`Component`, `Resource`...). */
  kind: string;
}

const LookupAnswerEntityContext = createContext<LookupAnswerEntity | undefined>(
  undefined,
);

/**
 * Gives a lookup answer's sections the entity it answered with; the lookup
 * page wraps each section in it.
 *
 * @public
 */
export function LookupAnswerEntityProvider(props: {
  entity: LookupAnswerEntity;
  children?: ReactNode;
}) {
  return (
    <LookupAnswerEntityContext.Provider value={props.entity}>
      {props.children}
    </LookupAnswerEntityContext.Provider>
  );
}

/**
 * The entity the lookup answered with, inside a section of its answer.
 *
 * @public
 */
export function useLookupAnswerEntity(): LookupAnswerEntity {
  const entity = useContext(LookupAnswerEntityContext);
  if (!entity) {
    throw new Error(
      'useLookupAnswerEntity is for sections of the lookup answer (LookupAnswerSectionBlueprint)',
    );
  }
  return entity;
}
