import { InputError } from '@backstage/errors';
import { mkdir, writeFile } from 'fs/promises';
import { dirname, resolve } from 'path';

/** Writes a file inside the task workspace; a path that leaves it is refused. */
export async function writeWorkspaceFile(
  workspacePath: string,
  path: string,
  content: string,
): Promise<string> {
  const target = resolve(workspacePath, path);
  if (!target.startsWith(`${resolve(workspacePath)}/`)) {
    throw new InputError(`${path} is outside the task workspace`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
}
