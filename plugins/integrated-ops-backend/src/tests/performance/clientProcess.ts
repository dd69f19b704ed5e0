import { fork } from 'child_process';
import type { ClientJob } from './loadClient';
import { TimingRow } from './measure';

export type ClientReply = {
  type: 'bench-client';
  rows?: TimingRow[];
  error?: string;
};

/**
 * Runs one client job in a child process (same Node flags as this one) and
 * returns its timings. The server under test stays in this process.
 */
export function inClientProcess(job: ClientJob): Promise<TimingRow[]> {
  return new Promise((resolve, reject) => {
    const child = fork(require.resolve('./loadClient'));
    // The TypeScript loader also talks on this channel (file-watch messages).
    child.on('message', (reply: ClientReply) => {
      if (reply?.type !== 'bench-client') return;
      if (reply.rows) resolve(reply.rows);
      else reject(new Error(reply.error));
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`bench client exited with ${code}`));
    });
    child.send(job);
  });
}

/**
 * Starts a client job that runs until stopped (the load phase's batches):
 * `stop()` asks it to finish the request in flight and resolves with its
 * timings.
 */
export function startClientProcess(job: ClientJob): {
  stop(): Promise<TimingRow[]>;
} {
  const child = fork(require.resolve('./loadClient'));
  const done = new Promise<TimingRow[]>((resolve, reject) => {
    child.on('message', (reply: ClientReply) => {
      if (reply?.type !== 'bench-client') return;
      if (reply.rows) resolve(reply.rows);
      else reject(new Error(reply.error));
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`bench client exited with ${code}`));
    });
  });
  child.send(job);
  return {
    stop() {
      child.send({ type: 'stop' });
      return done;
    },
  };
}
