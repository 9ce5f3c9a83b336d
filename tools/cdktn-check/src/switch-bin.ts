/** npm run cdktn:switch: moves this work tree from CDKTF to CDK Terrain (see docs/architecture.md). */
import path from 'node:path';
import { switchToCdktn } from './switch';

const root = path.resolve(__dirname, '../../..');
const changed = switchToCdktn(root);
process.stdout.write(
  [
    `cdktn-switch: changed ${changed.length} file(s):`,
    ...changed.map((f) => `  ${f}`),
    'cdktn-switch: next: npm install, then npm test; CLI calls outside npm scripts (e.g. `npx cdktf diff` in tools) still name cdktf:',
    '  grep -rn "cdktf diff\\|cdktf deploy" --include=*.ts --include=*.sh . --exclude-dir=node_modules',
    '',
  ].join('\n'),
);
