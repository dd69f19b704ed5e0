import {
  ApiBlueprint,
  coreExtensionData,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  FormFieldBlueprint,
  scaffolderTemplateOutputsBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { RequestTaskOutputs } from './components/TaskOutputs';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { opsRequestsApiRef, OpsRequestsClient } from './api';
import EventIcon from '@material-ui/icons/Event';
import AssessmentIcon from '@material-ui/icons/Assessment';
import {
  calendarRouteRef,
  governanceRouteRef,
  requestsRouteRef,
} from './routes';

const opsRequestsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: opsRequestsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsRequestsClient({ discoveryApi, fetchApi }),
    }),
});

/** The Change requests page: awaiting my approval, mine, all; one request with its diff and audit trail. */
export const opsRequestsPage = PageBlueprint.make({
  name: 'requests',
  params: {
    path: '/ops-requests',
    title: 'Change requests',
    icon: <AssignmentTurnedInIcon />,
    routeRef: requestsRouteRef,
    loader: () =>
      import('./components/RequestsPage').then(m => <m.RequestsPage />),
  },
});

/** The change calendar: freezes, planned applies, expiries, reviews, re-certifications; iCalendar. */
export const opsCalendarPage = PageBlueprint.make({
  name: 'calendar',
  params: {
    path: '/ops-calendar',
    title: 'Change calendar',
    icon: <EventIcon />,
    routeRef: calendarRouteRef,
    loader: () =>
      import('./components/CalendarPage').then(m => <m.CalendarPage />),
  },
});

/**
 * Governance KPIs for the portal, a team or a system: charts and CSV. Other
 * plugins add sections (input `sections`: an element each), shown after the
 * request KPIs with the same team and period (`?team=`, `?days=`).
 */
export const opsGovernancePage = PageBlueprint.makeWithOverrides({
  name: 'governance',
  inputs: {
    sections: createExtensionInput([coreExtensionData.reactElement]),
  },
  factory(originalFactory, { inputs }) {
    const sections = inputs.sections.map(section =>
      section.get(coreExtensionData.reactElement),
    );
    return originalFactory({
      path: '/ops-governance',
      title: 'Governance KPIs',
      icon: <AssessmentIcon />,
      routeRef: governanceRouteRef,
      loader: () =>
        import('./components/GovernancePage').then(m => (
          <m.GovernancePage sections={sections} />
        )),
    });
  },
});

/** `ui:field: ChangePlanPreview`: a template's last page shows what the server decides. */
const changePlanPreviewField = FormFieldBlueprint.make({
  name: 'change-plan-preview',
  params: {
    field: () =>
      import('./components/ChangePlanPreview/field').then(
        m => m.changePlanPreviewField,
      ),
  },
});

/**
 * The templates that file a change request (their output names its
 * `requestId`): Create ends on the request's page.
 */
const requestTemplateRefs = [
  'template:default/network-access-request',
  'template:default/emergency-access',
  'template:default/security-controls',
  'template:default/risk-acceptance',
];

/** The request templates' task page opens the filed request when it is done. */
const requestTaskOutputs = scaffolderTemplateOutputsBlueprint.make({
  name: 'request',
  params: {
    component: RequestTaskOutputs,
    templateRefs: requestTemplateRefs,
  },
});

/**
 * Change requests for the new frontend system.
 *
 * @public
 */
export const opsRequestsPlugin = createFrontendPlugin({
  pluginId: 'ops-requests',
  extensions: [
    opsRequestsApi,
    opsRequestsPage,
    opsCalendarPage,
    opsGovernancePage,
    changePlanPreviewField,
    requestTaskOutputs,
  ],
  routes: {
    requests: requestsRouteRef,
    calendar: calendarRouteRef,
    governance: governanceRouteRef,
  },
});
