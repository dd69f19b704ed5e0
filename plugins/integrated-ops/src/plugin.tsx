import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import {
  ApiBlueprint,
  coreExtensionData,
  createExtension,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import ContactPhoneIcon from '@material-ui/icons/ContactPhone';
import { lookupAnswerSectionKindsDataRef } from '@integrated-ops/plugin-integrated-ops-react';
import { integratedOpsApiRef, IntegratedOpsClient } from './api';
import { coverageRouteRef, lookupRouteRef } from './routes';
import { lazy, Suspense } from 'react';

const ResponseTimesSection = lazy(() =>
  import('./components/Incidents/ResponseTimesSection').then(m => ({
    default: m.ResponseTimesSection,
  })),
);

const integratedOpsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: integratedOpsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegratedOpsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The incident lookup. Other plugins add sections to its answer (input
 * `answerSections`, LookupAnswerSectionBlueprint of integrated-ops-react).
 */
export const opsLookupPage = PageBlueprint.makeWithOverrides({
  name: 'lookup',
  inputs: {
    answerSections: createExtensionInput([
      coreExtensionData.reactElement,
      lookupAnswerSectionKindsDataRef.optional(),
    ]),
  },
  factory(originalFactory, { inputs }) {
    const sections = inputs.answerSections.map(section => ({
      id: section.node.spec.id,
      element: section.get(coreExtensionData.reactElement),
      kinds: section.get(lookupAnswerSectionKindsDataRef),
    }));
    return originalFactory({
      path: '/ops-lookup',
      title: 'Incident lookup',
      icon: <ContactPhoneIcon />,
      routeRef: lookupRouteRef,
      loader: () =>
        import('./components/OpsLookupPage').then(m => (
          <m.OpsLookupPage sections={sections} />
        )),
    });
  },
});

export const opsCoveragePage = PageBlueprint.make({
  name: 'coverage',
  params: {
    path: '/ops-coverage',
    title: 'Ops coverage',
    icon: <AssessmentIcon />,
    routeRef: coverageRouteRef,
    loader: () =>
      import('./components/OpsCoveragePage').then(m => <m.OpsCoveragePage />),
  },
});

const opsOwnersCard = EntityCardBlueprint.make({
  name: 'ops-owners',
  params: {
    filter: {
      kind: { $in: ['component', 'system', 'resource', 'api', 'domain'] },
    },
    loader: () =>
      import('./components/OpsOwnersCard').then(m => <m.OpsOwnersCard />),
  },
});

const teamOwnershipCard = EntityCardBlueprint.make({
  name: 'team-ownership',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamOwnershipCard').then(m => (
        <m.TeamOwnershipCard />
      )),
  },
});

const opsOwnersPickerField = FormFieldBlueprint.make({
  name: 'ops-owners-picker',
  params: {
    field: () =>
      import('./components/OpsOwnersPicker/field').then(
        m => m.opsOwnersPickerField,
      ),
  },
});

const opsEntityPickerField = FormFieldBlueprint.make({
  name: 'ops-entity-picker',
  params: {
    field: () =>
      import('./components/OpsEntityPicker/field').then(
        m => m.opsEntityPickerField,
      ),
  },
});

/** A home page card: one box straight to the incident lookup. */
const lookupHomeWidget = HomePageWidgetBlueprint.make({
  name: 'incident-lookup',
  params: {
    name: 'IncidentLookup',
    title: 'Incident lookup',
    description:
      'Who owns a name, hostname, URL or IP, and who is on call for it now',
    components: () =>
      import('./components/LookupEntry').then(m => ({
        Content: m.LookupHomeWidget,
      })),
  },
});

/** Search results of type `ops-ownership`: the entity, its three owners, the lookup link. */
/** The incident lookup offered first when search is asked for an address. */
const lookupOfferSearchResult = SearchResultListItemBlueprint.make({
  name: 'ops-lookup',
  params: {
    predicate: result => result.type === 'ops-lookup',
    component: () =>
      import('./components/LookupEntry/LookupOfferSearchResult').then(
        m => m.LookupOfferSearchResult,
      ),
  },
});

const ownershipSearchResult = SearchResultListItemBlueprint.make({
  name: 'ops-ownership',
  params: {
    predicate: result => result.type === 'ops-ownership',
    component: () =>
      import('./components/LookupEntry/OwnershipSearchResult').then(
        m => m.OwnershipSearchResult,
      ),
  },
});

/**
 * Response per owning team (time to acknowledge and resolve the alerts the
 * portal routed) as a section of the ops-requests governance page.
 */
const responseTimesSection = createExtension({
  name: 'response-times',
  attachTo: { id: 'page:ops-requests/governance', input: 'sections' },
  output: [coreExtensionData.reactElement],
  factory: () => [
    coreExtensionData.reactElement(
      <Suspense fallback={null}>
        <ResponseTimesSection />
      </Suspense>,
    ),
  ],
});

/**
 * The Integrated Ops plugin for Backstage's new frontend system.
 *
 * @public
 */
export const integratedOpsPlugin = createFrontendPlugin({
  pluginId: 'integrated-ops',
  title: 'Integrated Ops',
  icon: <ContactPhoneIcon />,
  routes: {
    lookup: lookupRouteRef,
    coverage: coverageRouteRef,
  },
  extensions: [
    integratedOpsApi,
    opsLookupPage,
    opsCoveragePage,
    opsOwnersCard,
    teamOwnershipCard,
    opsOwnersPickerField,
    opsEntityPickerField,
    lookupHomeWidget,
    ownershipSearchResult,
    lookupOfferSearchResult,
    responseTimesSection,
  ],
});
