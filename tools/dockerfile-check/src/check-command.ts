import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CliError } from './cli-error';
import { checkDockerfile, type Violation } from './dockerfile-rules';
import { DockerIgnore, MUST_EXCLUDE } from './dockerignore';
import { DockerfileSyntaxError, parseDockerfile } from './parse-dockerfile';

export interface CheckOptions {
  readonly cwd: string;
  /** Folders holding project.json files to look through for `deploy:image` projects. @default ['apps'] */
  readonly projectDirs?: readonly string[];
}

export interface ImageProject {
  readonly name: string;
  readonly root: string;
  readonly bundlePath: string;
}

export interface CheckResult {
  /** The files checked: every image project's Dockerfile, then `.dockerignore`. */
  readonly checked: readonly string[];
  /** One line per problem, `<file>[:<line>]: [<rule>] <message>`. */
  readonly problems: readonly string[];
}

/** Lints every image project's Dockerfile and the root .dockerignore. */
export function checkWorkspace(options: CheckOptions): CheckResult {
  const projects = findImageProjects(options.cwd, options.projectDirs ?? ['apps']);
  if (projects.length === 0) throw new CliError(`no deploy:image projects under ${options.cwd}`, 2);
  const ignorePath = join(options.cwd, '.dockerignore');
  const ignore = existsSync(ignorePath) ? new DockerIgnore(readFileSync(ignorePath, 'utf8')) : undefined;
  const problems: string[] = [];
  if (ignore === undefined) problems.push('.dockerignore: missing, so the whole repository is the build context');
  else problems.push(...checkDockerIgnore(ignore).map((m) => `.dockerignore: ${m}`));
  for (const project of projects) {
    const file = posix.join(project.root, 'Dockerfile');
    const violations = checkProjectDockerfile(options.cwd, project, ignore).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const v of violations) {
      problems.push(`${file}${v.line ? `:${v.line}` : ''}: [${v.rule}] ${v.message}`);
    }
  }
  return { checked: [...projects.map((p) => `${p.root}/Dockerfile`), '.dockerignore'], problems };
}

/** The text report: throws a CliError (exit 1) listing every problem, else one `ok:` line. */
export async function checkCommand(options: CheckOptions): Promise<string> {
  const { checked, problems } = checkWorkspace(options);
  if (problems.length > 0) throw new CliError(`${problems.length} problem(s):\n${problems.join('\n')}`);
  const dockerfiles = checked.slice(0, -1);
  return `ok: ${dockerfiles.join(', ')} and .dockerignore pass every rule\n`;
}

export function checkDockerIgnore(ignore: DockerIgnore): string[] {
  return Object.entries(MUST_EXCLUDE).flatMap(([what, paths]) =>
    paths.filter((path) => !ignore.excludes(path)).map((path) => `lets ${what} into the build context (${path})`),
  );
}

export function checkProjectDockerfile(cwd: string, project: ImageProject, ignore?: DockerIgnore): Violation[] {
  const path = join(cwd, project.root, 'Dockerfile');
  if (!existsSync(path)) return [{ rule: 'dockerfile', message: 'missing' }];
  let dockerfile;
  try {
    dockerfile = parseDockerfile(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) return [{ rule: 'syntax', message: error.message }];
    throw error;
  }
  const violations = checkDockerfile(dockerfile, { bundlePath: project.bundlePath });
  if (ignore) {
    // Every file the Dockerfile copies from the context must survive .dockerignore.
    for (const copy of dockerfile.stages.flatMap((s) => s.instructions)) {
      if (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') continue;
      if (copy.flags.from !== undefined) continue;
      for (const source of copy.args.slice(0, -1)) {
        const sample = source.endsWith('/') ? `${source}main.js` : source;
        if (ignore.excludes(sample)) {
          violations.push({ rule: 'context', message: `${copy.keyword} ${source}: .dockerignore keeps it out of the context`, line: copy.line });
        }
      }
    }
  }
  return violations;
}

/** Projects tagged deploy:image, with the outputPath of their build target. */
export function findImageProjects(cwd: string, projectDirs: readonly string[]): ImageProject[] {
  const projects: ImageProject[] = [];
  for (const dir of projectDirs) {
    if (!existsSync(join(cwd, dir))) continue;
    for (const entry of readdirSync(join(cwd, dir)).sort()) {
      const root = posix.join(dir, entry);
      const file = join(cwd, root, 'project.json');
      if (!existsSync(file)) continue;
      const config = JSON.parse(readFileSync(file, 'utf8')) as {
        name?: string;
        tags?: string[];
        targets?: { build?: { options?: { outputPath?: string } } };
      };
      if (!config.tags?.includes('deploy:image')) continue;
      const bundlePath = config.targets?.build?.options?.outputPath;
      if (bundlePath === undefined) throw new CliError(`${root}/project.json: deploy:image project without build.options.outputPath`);
      projects.push({ name: config.name ?? entry, root, bundlePath });
    }
  }
  return projects;
}
