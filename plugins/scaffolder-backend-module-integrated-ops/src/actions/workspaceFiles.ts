import { InputError } from '@backstage/errors';
import { mkdir, readdir, readFile, stat, writeFile } from 'fs/promises';
import { dirname, join, relative, resolve } from 'path';

/**
 * A path inside the task workspace (or the workspace itself, for `.`); a
 * path that leaves it is refused.
 */
export function resolveInWorkspace(
  workspacePath: string,
  path: string,
): string {
  const root = resolve(workspacePath);
  const target = resolve(root, path);
  if (target !== root && !target.startsWith(`${root}/`)) {
    throw new InputError(`${path} is outside the task workspace`);
  }
  return target;
}

/** Writes a file inside the task workspace. */
export async function writeWorkspaceFile(
  workspacePath: string,
  path: string,
  content: string,
): Promise<string> {
  const target = resolveInWorkspace(workspacePath, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
}

async function readTree(
  root: string,
  dir: string,
  files: Record<string, string>,
) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await readTree(root, path, files);
    else files[relative(root, path)] = await readFile(path, 'utf8');
  }
}

/**
 * Every file under a workspace directory, path (relative to it) -> content,
 * `.git` left out. Refuses a path outside the workspace or not a directory.
 */
export async function readWorkspaceDir(
  workspacePath: string,
  path: string,
): Promise<Record<string, string>> {
  const dir = resolveInWorkspace(workspacePath, path);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    throw new InputError(`${path} is not a directory in the workspace`);
  }
  const files: Record<string, string> = {};
  await readTree(dir, dir, files);
  return files;
}
