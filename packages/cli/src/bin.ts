#!/usr/bin/env node
import { main } from './main.js';

// `tlsboot … | head` closes the pipe early: stop quietly, as the usual Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await main(process.argv);
