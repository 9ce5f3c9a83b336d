import { nodeLtsProblem } from './node-release-schedule';
import { type Dockerfile, type Instruction, type Stage, keyValues } from './parse-dockerfile';

export interface RuleContext {
  /** Where the app's build target writes its bundle (build.options.outputPath), e.g. dist/apps/api. */
  readonly bundlePath: string;
  /** The day to judge end-of-life against; today unless a test fixes it. */
  readonly today?: Date;
  /**
   * Paths the app writes at run time. The task runs with a read-only root filesystem, so each must
   * be a VOLUME of the final stage, owned by its USER (ECS gives a bind mount the image directory's
   * owner and mode when the path is a VOLUME; otherwise root 0755).
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
}

/** Writable paths every image needs: Node's os.tmpdir() and the worker's heartbeat file live in /tmp. */
export const DEFAULT_WRITABLE_PATHS: readonly string[] = ['/tmp'];

export interface Violation {
  readonly rule: string;
  readonly message: string;
  readonly line?: number;
}

type Rule = (dockerfile: Dockerfile, context: RuleContext) => Violation[];

const SECRET_NAME = /(secret|passw(or)?d|token|api_?key|private_?key|access_?key|credential)/i;
/** Values that look like credentials whatever the variable is called (AWS key ids, PEM blocks, JWTs). */
const SECRET_VALUE = /(A(KI|SI)A[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|eyJ[\w-]{10,}\.[\w-]{10,}\.)/;

const finalStage = (d: Dockerfile): Stage => d.stages[d.stages.length - 1];
const all = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);

export const RULES: Readonly<Record<string, Rule>> = {
  'multi-stage': (d) =>
    d.stages.length >= 2 ? [] : [{ rule: 'multi-stage', message: 'use a separate stage to install dependencies' }],

  'pinned-base-image': (d) => {
    const stageNames = new Set<string>();
    const violations: Violation[] = [];
    for (const stage of d.stages) {
      if (!stageNames.has(stage.image.toLowerCase())) {
        const problem = basePinProblem(stage.image);
        if (problem) violations.push({ rule: 'pinned-base-image', message: `FROM ${stage.image}: ${problem}` });
      }
      if (stage.name) stageNames.add(stage.name);
    }
    return violations;
  },

  // A pinned version is not enough: an end-of-life runtime gets no security fixes.
  'supported-node-lts': (d, context) => {
    const runtime = finalStage(d).image;
    const major = /^(?:docker\.io\/)?(?:library\/)?node:v?(\d+)\./.exec(runtime)?.[1];
    if (major === undefined) return [];
    const problem = nodeLtsProblem(Number(major), context.today ?? new Date());
    return problem ? [{ rule: 'supported-node-lts', message: `FROM ${runtime}: ${problem}` }] : [];
  },

  'non-root-user': (d) => {
    const user = all(finalStage(d), 'USER').pop();
    if (user === undefined) return [{ rule: 'non-root-user', message: 'the final stage runs as root: add USER node' }];
    const name = user.args[0]?.split(':')[0];
    return name === 'root' || name === '0'
      ? [{ rule: 'non-root-user', message: `USER ${user.args[0]} runs as root`, line: user.line }]
      : [];
  },

  healthcheck: (d) => {
    const check = all(finalStage(d), 'HEALTHCHECK').pop();
    if (check === undefined) return [{ rule: 'healthcheck', message: 'the final stage has no HEALTHCHECK' }];
    return check.args[0]?.toUpperCase() === 'NONE'
      ? [{ rule: 'healthcheck', message: 'HEALTHCHECK NONE disables the health check', line: check.line }]
      : [];
  },

  'node-env-production': (d) => {
    const value = all(finalStage(d), 'ENV')
      .flatMap(keyValues)
      .filter(([key]) => key === 'NODE_ENV')
      .pop()?.[1];
    return value === 'production'
      ? []
      : [{ rule: 'node-env-production', message: `NODE_ENV must be production in the final stage (is ${value ?? 'unset'})` }];
  },

  'no-secrets': (d) =>
    [...d.globalArgs, ...d.stages.flatMap((s) => s.instructions)]
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
      .flatMap((i) =>
        keyValues(i)
          .filter(([key, value]) => SECRET_NAME.test(key) || (value !== undefined && SECRET_VALUE.test(value)))
          .map(([key]) => ({
            rule: 'no-secrets',
            message: `${i.keyword} ${key} would bake a secret into the image layers; pass it at run time`,
            line: i.line,
          })),
      ),

  'production-dependencies-only': (d) => {
    const installs = d.stages.flatMap((s) => all(s, 'RUN')).filter((i) => /\bnpm\s+(ci|install|i)\b/.test(i.raw));
    if (installs.length === 0) {
      return [{ rule: 'production-dependencies-only', message: 'no `npm ci --omit=dev` for the bundle\'s external packages' }];
    }
    return installs
      .filter((i) => !/\bnpm\s+ci\b/.test(i.raw) || !/--omit[= ]dev\b/.test(i.raw))
      .map((i) => ({ rule: 'production-dependencies-only', message: 'install with `npm ci --omit=dev`', line: i.line }));
  },

  'copies-bundle': (d, context) => {
    const bundle = context.bundlePath.replace(/\/+$/, '');
    const copies = all(finalStage(d), 'COPY').filter((i) => i.flags.from === undefined);
    const copiesBundle = copies.some((i) => i.args.slice(0, -1).some((src) => src.replace(/\/+$/, '') === bundle));
    return copiesBundle
      ? []
      : [{ rule: 'copies-bundle', message: `the final stage does not COPY the build output ${bundle}/` }];
  },

  'writable-volumes': (d, context) => {
    const stage = finalStage(d);
    const user = all(stage, 'USER').pop()?.args[0]?.split(':')[0];
    const volumes = all(stage, 'VOLUME').flatMap((i) => i.args.map((path) => ({ path: trimSlash(path), line: i.line })));
    const missing = (context.writablePaths ?? DEFAULT_WRITABLE_PATHS)
      .map(trimSlash)
      .filter((path) => !volumes.some((v) => v.path === path))
      .map((path) => ({
        rule: 'writable-volumes',
        message: `${path} is written at run time but is not a VOLUME: with a read-only root filesystem it must be a volume owned by the runtime user`,
      }));
    // No USER (root) is reported by non-root-user; ownership only matters for a non-root user.
    if (user === undefined || user === 'root' || user === '0') return missing;
    const unowned = volumes
      .filter((v) => !ownedBefore(stage, v.path, user, v.line))
      .map((v) => ({
        rule: 'writable-volumes',
        message: `VOLUME ${v.path} is not chowned to ${user} before it is declared (ECS would mount it root-owned 0755): RUN mkdir -p ${v.path} && chown ${user}:${user} ${v.path}`,
        line: v.line,
      }));
    return [...missing, ...unowned];
  },

  'exec-form-cmd': (d) => {
    const cmd = all(finalStage(d), 'CMD').pop() ?? all(finalStage(d), 'ENTRYPOINT').pop();
    if (cmd === undefined) return [{ rule: 'exec-form-cmd', message: 'no CMD: say how the app starts' }];
    return cmd.execForm
      ? []
      : [{ rule: 'exec-form-cmd', message: `${cmd.keyword} in shell form runs under /bin/sh, which does not pass SIGTERM on`, line: cmd.line }];
  },
};

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** A `chown <user>[:group] ... <path>` in a RUN of the stage before `line`. */
function ownedBefore(stage: Stage, path: string, user: string, line: number): boolean {
  return all(stage, 'RUN')
    .filter((run) => run.line < line)
    .flatMap((run) => run.raw.split(/&&|;|\|\|/))
    .map((command) => command.trim().split(/\s+/))
    .filter((words) => words[0] === 'chown')
    .some((words) => {
      const [owner, ...paths] = words.slice(1).filter((word) => !word.startsWith('-'));
      return owner?.split(':')[0] === user && paths.map(trimSlash).includes(path);
    });
}

function basePinProblem(image: string): string | undefined {
  if (image.includes('$')) return 'the base image is a build argument; pin it in the Dockerfile';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  if (tag === undefined) return 'no tag means latest: pin a version such as node:24.21.0-bookworm-slim';
  if (tag === 'latest') return 'latest moves: pin a version';
  if (!/^v?\d+\.\d+\.\d+/.test(tag)) return `tag ${tag} is not a full version (major.minor.patch)`;
  return undefined;
}

export function checkDockerfile(dockerfile: Dockerfile, context: RuleContext): Violation[] {
  return Object.values(RULES).flatMap((rule) => rule(dockerfile, context));
}
