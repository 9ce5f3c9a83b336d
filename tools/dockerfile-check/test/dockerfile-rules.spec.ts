import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDockerfile, RULES } from '../src/dockerfile-rules';
import { parseDockerfile } from '../src/parse-dockerfile';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const context = { bundlePath: 'dist/apps/api', today: new Date('2026-11-23T00:00:00Z') };

const GOOD = `
FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY dist/apps/api/package.json dist/apps/api/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \\
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY dist/apps/api/ ./
RUN mkdir -p /tmp && chown node:node /tmp
VOLUME ["/tmp"]
USER node
HEALTHCHECK --interval=15s CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "main.js"]
`;

const rulesBroken = (text: string) => [...new Set(checkDockerfile(parseDockerfile(text), context).map((v) => v.rule))];

describe('Dockerfile rules', () => {
  it('the good example passes every rule', () => {
    expect(rulesBroken(GOOD)).toEqual([]);
  });

  it.each(['api', 'worker'])('apps/%s/Dockerfile passes every rule', (app) => {
    const project = JSON.parse(readFileSync(join(REPO_ROOT, 'apps', app, 'project.json'), 'utf8'));
    const text = readFileSync(join(REPO_ROOT, 'apps', app, 'Dockerfile'), 'utf8');
    expect(checkDockerfile(parseDockerfile(text), { bundlePath: project.targets.build.options.outputPath })).toEqual([]);
  });

  const violations: [string, string, string][] = [
    ['multi-stage', GOOD.replace(/^[\s\S]*?(?=FROM node:24.21.0-bookworm-slim\nENV)/, '').replace('USER node', 'RUN npm ci --omit=dev\nUSER node'), 'one stage'],
    ['pinned-base-image', GOOD.replace('node:24.21.0-bookworm-slim AS deps', 'node:latest AS deps'), 'latest'],
    ['pinned-base-image', GOOD.replace('node:24.21.0-bookworm-slim\nENV', 'node\nENV'), 'no tag'],
    ['pinned-base-image', GOOD.replace('node:24.21.0-bookworm-slim AS deps', 'node:22-slim AS deps'), 'major only'],
    ['supported-node-lts', GOOD.replace('FROM node:24.21.0-bookworm-slim\nENV', 'FROM node:20.20.2-bookworm-slim\nENV'), 'Node 20 after its end of life'],
    ['supported-node-lts', GOOD.replace('FROM node:24.21.0-bookworm-slim\nENV', 'FROM node:23.11.0-bookworm-slim\nENV'), 'an odd, non-LTS major'],
    ['non-root-user', GOOD.replace('USER node', ''), 'no USER'],
    ['non-root-user', GOOD.replace('USER node', 'USER root'), 'USER root'],
    ['non-root-user', GOOD.replace('USER node', 'USER 0:0'), 'USER 0'],
    ['healthcheck', GOOD.replace(/HEALTHCHECK.*\n/, ''), 'none'],
    ['healthcheck', GOOD.replace(/HEALTHCHECK.*\n/, 'HEALTHCHECK NONE\n'), 'disabled'],
    ['node-env-production', GOOD.replace('NODE_ENV=production', 'NODE_ENV=development'), 'development'],
    ['node-env-production', GOOD.replace('NODE_ENV=production \\\n    PORT=3000', 'PORT=3000'), 'unset'],
    ['no-secrets', GOOD.replace('USER node', 'ARG NPM_TOKEN\nUSER node'), 'ARG by name'],
    ['no-secrets', GOOD.replace('PORT=3000', 'PORT=3000 API_KEY_PEPPER=x'), 'ENV by name'],
    ['no-secrets', GOOD.replace('PORT=3000', `PORT=3000 REGION_HINT=${'AKIA'}${'ABCDEFGHIJKLMNOP'}`), 'value like an AWS key'],
    ['production-dependencies-only', GOOD.replace('--omit=dev ', ''), 'dev dependencies'],
    ['production-dependencies-only', GOOD.replace('npm ci --omit=dev', 'npm install --omit=dev'), 'npm install'],
    ['copies-bundle', GOOD.replace('COPY dist/apps/api/ ./', 'COPY dist/apps/other/ ./'), 'wrong path'],
    ['exec-form-cmd', GOOD.replace('CMD ["node", "main.js"]', 'CMD node main.js'), 'shell form'],
    ['writable-volumes', GOOD.replace('VOLUME ["/tmp"]\n', ''), '/tmp not a volume'],
    ['writable-volumes', GOOD.replace('chown node:node /tmp', 'chmod 1777 /tmp'), 'volume not chowned'],
    ['writable-volumes', GOOD.replace('chown node:node /tmp', 'chown root:root /tmp'), 'volume chowned to root'],
    ['writable-volumes', GOOD.replace('RUN mkdir -p /tmp && chown node:node /tmp\nVOLUME ["/tmp"]', 'VOLUME ["/tmp"]\nRUN chown node /tmp'), 'chowned after the VOLUME'],
  ];

  it.each(violations)('%s catches a Dockerfile with %#: %s', (rule, text) => {
    expect(rulesBroken(text)).toEqual([rule]);
  });

  it('accepts the plain VOLUME form, chown -R and other writable paths from the context', () => {
    const text = GOOD.replace('RUN mkdir -p /tmp && chown node:node /tmp\nVOLUME ["/tmp"]', 'RUN mkdir -p /tmp /var/cache/app && chown -R node /tmp /var/cache/app/\nVOLUME /tmp /var/cache/app');
    expect(checkDockerfile(parseDockerfile(text), { ...context, writablePaths: ['/tmp', '/var/cache/app'] })).toEqual([]);
    expect(checkDockerfile(parseDockerfile(GOOD), { ...context, writablePaths: ['/tmp', '/var/cache/app'] })).toEqual([
      expect.objectContaining({ rule: 'writable-volumes', message: expect.stringContaining('/var/cache/app is written at run time') }),
    ]);
  });

  it('has a violating case for every rule', () => {
    expect(new Set(violations.map(([rule]) => rule))).toEqual(new Set(Object.keys(RULES)));
  });
});
