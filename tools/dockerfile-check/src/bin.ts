#!/usr/bin/env node
import { defineCommand, EXIT, runMain } from '@platform/cli-support';
import { checkCommand, checkWorkspace } from './check-command';

const USAGE = `usage: dockerfile-check [--json]
  Checks every deploy:image project's Dockerfile and the root .dockerignore (run from the workspace root).
  --json  print {"checked": [...], "problems": [...]}
  exit 0 every rule passes, 1 problems (one line each), 2 no image projects, 70 a bug`;

runMain(
  defineCommand({
    name: 'dockerfile-check',
    usage: USAGE,
    options: { json: { type: 'boolean', default: false } },
    run: async ({ values }, io) => {
      if (!values.json) {
        io.stdout(await checkCommand({ cwd: io.cwd }));
        return EXIT.ok;
      }
      const result = checkWorkspace({ cwd: io.cwd });
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return result.problems.length > 0 ? EXIT.found : EXIT.ok;
    },
  }),
);
