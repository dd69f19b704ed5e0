import { writeFile } from 'fs/promises';
import { Session } from 'inspector/promises';
import { join } from 'path';

/**
 * Runs fn; with BENCH_PROFILE_DIR set, records this process's CPU profile
 * meanwhile into <dir>/<name>.cpuprofile (open it in Chrome DevTools).
 */
export async function profiled<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
