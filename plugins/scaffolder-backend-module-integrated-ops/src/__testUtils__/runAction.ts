import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtemp } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';

type AnyAction = { handler(ctx: any): Promise<void> };

export interface ActionRun {
  /** The error the action failed with, if it did. */
  error?: Error;
  outputs: Record<string, any>;
  /** Every line the action logged to the task log. */
  log: string[];
  workspacePath: string;
}

/**
 * Runs a scaffolder action with a mock context in a fresh (or given)
 * workspace and collects its outputs, its task-log lines and its error.
 */
export async function runAction(
  action: AnyAction,
  input: Record<string, unknown>,
  options: { isDryRun?: boolean; workspacePath?: string; taskId?: string } = {},
): Promise<ActionRun> {
  const workspacePath =
    options.workspacePath ?? (await mkdtemp(join(tmpdir(), 'iop-action-')));
  const logger = mockServices.logger.mock();
  const outputs: Record<string, any> = {};
  const ctx = createMockActionContext({
    input: input as any,
    workspacePath,
    logger: logger as any,
    user: { ref: 'user:default/guest' },
    ...(options.taskId ? { task: { id: options.taskId } } : {}),
  });
  // The mock context takes neither of these from its options.
  Object.assign(ctx, {
    isDryRun: options.isDryRun ?? false,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  });
  let error: Error | undefined;
  try {
    await action.handler(ctx);
  } catch (e) {
    error = e as Error;
  }
  const log = [logger.info, logger.warn, logger.error].flatMap(fn =>
    (fn as jest.Mock).mock.calls.map(c => String(c[0])),
  );
  return { error, outputs, log, workspacePath };
}
