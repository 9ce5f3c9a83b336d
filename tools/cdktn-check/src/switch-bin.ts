/** npm run cdktn:switch: moves this work tree from CDKTF to CDK Terrain (see docs/architecture.md). */
import path from 'node:path';
import { defineCommand, EXIT, runMain } from '@platform/cli-support';
import { switchToCdktn } from './switch';

const USAGE = `usage: cdktn-switch [--json]
  Moves this work tree from CDKTF to CDK Terrain in place: imports, dependencies, CLI names in npm scripts, lint lists.
  --json  print {"changed": [...]}
  exit 0 switched, 70 a bug`;

runMain(
  defineCommand({
    name: 'cdktn-switch',
    usage: USAGE,
    options: { json: { type: 'boolean', default: false } },
    run: ({ values }, io) => {
      const changed = switchToCdktn(path.resolve(__dirname, '../../..'));
      if (values.json) {
        io.stdout(`${JSON.stringify({ changed }, null, 2)}\n`);
        return EXIT.ok;
      }
      io.stdout(
        [
          `cdktn-switch: changed ${changed.length} file(s):`,
          ...changed.map((f) => `  ${f}`),
          'cdktn-switch: next: npm install, then npm test; no tool calls the cdktf CLI (synth runs the app, plan/apply run terraform), check nothing new does:',
          '  grep -rn "cdktf diff\\|cdktf deploy" --include=*.ts --include=*.sh . --exclude-dir=node_modules',
          '',
        ].join('\n'),
      );
      return EXIT.ok;
    },
  }),
);
