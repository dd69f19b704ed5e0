import { ComponentProps, useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { DefaultTemplateOutputs } from '@backstage/plugin-scaffolder-react/alpha';
import { requestsRouteRef } from '../../routes';

type TaskOutput = ComponentProps<typeof DefaultTemplateOutputs>['output'];

/** Where a task's opening of its request is remembered (per browser tab). */
export const openedKey = (taskId: string) =>
  `ops-requests:task-opened:${taskId}`;

/**
 * A request template's task page: once the task has filed its change request
 * (the template's output `requestId`), Create ends on that request's page.
 * Only once per task and tab: Back returns to the log and its links.
 */
export function RequestTaskOutputs(props: { output?: TaskOutput }) {
  const { output } = props;
  const { taskId } = useParams();
  const navigate = useNavigate();
  const requestsLink = useRouteRef(requestsRouteRef);
  // Only what the backend files: cr-<date>-<hex>.
  const requestId =
    typeof output?.requestId === 'string' &&
    /^cr-[a-z0-9-]{1,64}$/.test(output.requestId)
      ? output.requestId
      : undefined;

  useEffect(() => {
    if (!requestId || !taskId || !requestsLink) return;
    const key = openedKey(taskId);
    try {
      if (window.sessionStorage.getItem(key)) return;
      window.sessionStorage.setItem(key, requestId);
    } catch {
      // No session storage (a locked-down browser): the log and its link stay.
      return;
    }
    navigate(`${requestsLink()}/${requestId}`);
  }, [requestId, taskId, requestsLink, navigate]);

  return <DefaultTemplateOutputs output={output} />;
}
