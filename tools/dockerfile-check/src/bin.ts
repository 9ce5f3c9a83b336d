#!/usr/bin/env node
import { checkCommand } from './check-command';
import { CliError } from './cli-error';

// The one place that exits: problems are listed, one per line, without stack traces.
checkCommand({ cwd: process.cwd() }).then(
  (report) => {
    process.stdout.write(report);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`dockerfile-check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
