/* eslint-disable no-restricted-syntax */
import { runCli } from './run';

// `yarn connectivity ...` runs in the repository root; folders given on the
// command line are relative to where it was typed (INIT_CWD).
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
});
