/** @tlsboot/cli — the `tlsboot` command; `main` runs it in-process (see README.md). */
export { main, buildProgram } from './main.js';
export type { MainOptions } from './main.js';
export type { CliIo, Output, StopRequests } from './io.js';
export { normalizeCfsslArgv } from './cfssl-argv.js';
