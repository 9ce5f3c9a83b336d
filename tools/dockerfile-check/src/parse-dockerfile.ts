/** One Dockerfile instruction after line continuations are joined and comments dropped. */
export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ENV, ... */
  readonly keyword: string;
  /** `--name=value` flags before the arguments (COPY --from=deps, HEALTHCHECK --interval=15s). */
  readonly flags: Readonly<Record<string, string>>;
  /** Arguments: the JSON array in exec form, else whitespace-separated words. */
  readonly args: readonly string[];
  /** Exec (JSON array) form, as CMD ["node","main.js"]. */
  readonly execForm: boolean;
  /** Text after the flags, as written. */
  readonly raw: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  /** ARG instructions before the first FROM. */
  readonly globalArgs: readonly Instruction[];
  readonly stages: readonly Stage[];
}

export class DockerfileSyntaxError extends Error {}

/** Parses the subset of Dockerfile syntax our rules need (no heredocs, default `\` escape). */
export function parseDockerfile(text: string): Dockerfile {
  const instructions = joinLines(text).map(([line, content]) => parseInstruction(line, content));
  const globalArgs: Instruction[] = [];
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args;
      if (image === undefined || (as !== undefined && (as.toUpperCase() !== 'AS' || name === undefined))) {
        throw new DockerfileSyntaxError(`line ${instruction.line}: FROM needs "<image> [AS <name>]"`);
      }
      stages.push({ image, name: name?.toLowerCase(), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new DockerfileSyntaxError(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
      }
      globalArgs.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new DockerfileSyntaxError('no FROM instruction');
  return { globalArgs, stages };
}

function joinLines(text: string): [number, string][] {
  const result: [number, string][] = [];
  let current: string | undefined;
  let start = 0;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trimEnd();
    if (/^\s*#/.test(line)) return; // comments (and parser directives) never continue an instruction
    if (current === undefined) {
      if (line.trim().length === 0) return;
      start = index + 1;
      current = '';
    }
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      return;
    }
    current += line;
    result.push([start, current.trim()]);
    current = undefined;
  });
  if (current !== undefined) result.push([start, current.trim()]);
  return result;
}

function parseInstruction(line: number, content: string): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(content) as RegExpExecArray;
  const keyword = match[1].toUpperCase();
  let rest = match[2];
  const flags: Record<string, string> = {};
  for (let flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest); flag; flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[flag[1]] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  const jsonPart = keyword === 'HEALTHCHECK' ? rest.replace(/^CMD\s+/i, '') : rest;
  if (jsonPart.startsWith('[')) {
    try {
      const parsed = JSON.parse(jsonPart) as unknown;
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
        const prefix = keyword === 'HEALTHCHECK' ? ['CMD'] : [];
        return { keyword, flags, args: [...prefix, ...parsed], execForm: true, raw: rest, line };
      }
    } catch {
      // Docker treats an invalid JSON array as shell form; so do we.
    }
  }
  return { keyword, flags, args: rest.split(/\s+/).filter(Boolean), execForm: false, raw: rest, line };
}

/** ENV/ARG pairs of an instruction: `ENV A=1 B="x y"`, legacy `ENV A 1`, `ARG NAME[=default]`. */
export function keyValues(instruction: Instruction): [string, string | undefined][] {
  const raw = instruction.raw.trim();
  if (instruction.keyword === 'ENV' && !/^[^\s=]+=/.test(raw)) {
    const [key, ...value] = raw.split(/\s+/);
    return [[key, value.join(' ')]];
  }
  const pairs: [string, string | undefined][] = [];
  for (const token of raw.match(/[^\s=]+(?:=(?:"[^"]*"|'[^']*'|\S*))?/g) ?? []) {
    const eq = token.indexOf('=');
    if (eq === -1) pairs.push([token, undefined]);
    else pairs.push([token.slice(0, eq), token.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2')]);
  }
  return pairs;
}
