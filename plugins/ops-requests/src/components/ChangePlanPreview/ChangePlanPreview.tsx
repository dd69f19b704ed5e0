import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeIntentInput,
  ChangePlan,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Alert, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { opsRequestsApiRef } from '../../api';
import { changeSummary } from '../RequestsPage/changeSummary';
import { TeamPeople } from '../TeamPeople';
import { NetworkEffect } from '../RequestsPage/NetworkEffect';

/** The headline: refused, applied at once (break-glass), or pending approval. */
function verdictTitle(plan: ChangePlan): string {
  const policy = `Policy ${plan.policy.version}`;
  if (!plan.policy.passed) return `${policy}: refused - Create will fail`;
  if (plan.breakGlass) {
    return `${policy}: break-glass - you are on call for ${
      plan.breakGlass.onCallFor
    }, so Create applies it at once; the owning teams review it before ${formatInstant(
      plan.breakGlass.reviewDueAt,
    )}`;
  }
  return `${policy}: allowed, pending approval`;
}

export interface ChangePlanPreviewOptions {
  /** The intent kind the template files. */
  kind: ChangeIntentInput['kind'];
  /** The template parameters that make up the intent, named as the intent names them. */
  fields: string[];
  /**
   * Intent fields filled from other parameters: the first of them that is
   * filled in (e.g. `source: [sourceRange, source]`, where a form offers an
   * address range instead of a catalog entity).
   */
  from?: Record<string, string[]>;
  /** Emergency access: the parameters holding the incident and the duration in minutes. */
  emergency?: { incident: string; durationMinutes: string };
}

/** The value of an intent field in the form: its own parameter, or the first filled alternative. */
function valueOf(
  field: string,
  formData: Record<string, unknown>,
  from: Record<string, string[]> = {},
) {
  return (from[field] ?? [field])
    .map(name => formData[name])
    .find(value => value !== undefined && value !== '');
}

/**
 * A template's last page: what the server decides for the form as filled in
 * (the policy verdict per rule, the approving teams and their people, the
 * files it would commit), before Create. Advisory: the server judges again
 * when the request is filed; nothing here is sent with it.
 */
export function ChangePlanPreview(
  props: FieldExtensionComponentProps<string, ChangePlanPreviewOptions>,
) {
  const api = useApi(opsRequestsApiRef);
  const options = props.uiSchema?.['ui:options'];
  const formData =
    (props.formContext as { formData?: Record<string, unknown> })?.formData ??
    {};
  const emergency = options?.emergency;
  const intent = {
    kind: options?.kind,
    ...Object.fromEntries(
      (options?.fields ?? []).map(f => [
        f,
        valueOf(f, formData, options?.from),
      ]),
    ),
    ...(emergency && {
      emergency: {
        incident: formData[emergency.incident],
        durationMinutes: Number(formData[emergency.durationMinutes]),
      },
    }),
  } as ChangeIntentInput;
  const key = JSON.stringify(intent);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const plan = useAsync(() => api.previewRequest(intent), [api, key]);

  if (plan.loading) return <Progress />;
  if (plan.error) {
    return (
      <Alert
        status="danger"
        icon
        role="alert"
        title="The server cannot judge this request yet"
        description={plan.error.message}
      />
    );
  }
  const value = plan.value!;
  const { files, cidrs, namespaces } = changeSummary(value.files);
  return (
    <section aria-label="What the server decides">
      <Flex direction="column" gap="3">
        <Alert
          status={value.policy.passed ? 'success' : 'danger'}
          icon
          title={verdictTitle(value)}
        />
        <ul aria-label="Policy results" style={{ margin: 0 }}>
          {value.policy.results.map(r => (
            <li key={r.rule}>
              <Text as="span" variant="body-small">
                {r.passed ? 'PASS' : 'FAIL'} {r.rule}: {r.message}
              </Text>
            </li>
          ))}
        </ul>
        <Text as="h3" variant="title-x-small">
          Who approves
        </Text>
        <ul aria-label="Approvers" style={{ margin: 0 }}>
          {value.requiredApprovals.map(d => (
            <li key={d}>
              {approvingRoleTitle(d)}:{' '}
              {value.approvers[d] ? (
                <TeamPeople team={value.approvers[d]!} />
              ) : (
                'no owner: the request cannot be approved'
              )}
            </li>
          ))}
        </ul>
        <Text as="h3" variant="title-x-small">
          What it changes
        </Text>
        <ul aria-label="What it changes" style={{ margin: 0 }}>
          <li>Files: {files.join(', ')}</li>
          {cidrs.length > 0 && <li>Address ranges: {cidrs.join(', ')}</li>}
          {namespaces.length > 0 && (
            <li>Namespaces: {namespaces.join(', ')}</li>
          )}
          {value.expiresAt && (
            <li>Expires: {formatInstant(value.expiresAt)}</li>
          )}
        </ul>
        {value.kind === 'network-access' && (
          <>
            <Text as="h3" variant="title-x-small">
              What it does to the network
            </Text>
            <NetworkEffect connectivity={value.connectivity} />
          </>
        )}
      </Flex>
    </section>
  );
}
