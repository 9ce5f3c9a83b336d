import { readFileSync } from 'node:fs';
import { CliError } from './cli-error';

/** The allowlist's default name, read from the repository root. */
export const IGNORE_FILE_NAME = '.secrets-scan-ignore';

interface Rule {
  readonly pattern: string;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly regex: RegExp;
}

/**
 * Path globs whose files are not scanned (test corpora with fake secrets on purpose), with
 * .gitignore's rules: `#` comments, `!` re-includes, a pattern without a slash matches a name at
 * any depth, a leading or inner `/` anchors it to the root, a trailing `/` matches directories only,
 * `*` and `?` stay within a path segment, `**` crosses segments. A matched directory covers
 * everything below it; the last matching rule wins.
 */
export class IgnoreList {
  private constructor(private readonly rules: readonly Rule[]) {}

  static parse(text: string): IgnoreList {
    const rules: Rule[] = [];
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.replace(/\s+$/, '');
      if (line === '' || line.startsWith('#')) continue;
      const negated = line.startsWith('!');
      if (negated) line = line.slice(1);
      const directoryOnly = line.endsWith('/');
      if (directoryOnly) line = line.replace(/\/+$/, '');
      const anchored = line.includes('/');
      line = line.replace(/^\//, '');
      if (line === '') continue;
      const body = globToRegex(line);
      rules.push({ pattern: raw.trim(), negated, directoryOnly, regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`) });
    }
    return new IgnoreList(rules);
  }

  static empty(): IgnoreList {
    return new IgnoreList([]);
  }

  /** Reads an allowlist; a missing default file is an empty list, a missing explicit one an error. */
  static load(file: string, explicit: boolean): IgnoreList {
    try {
      return IgnoreList.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !explicit) return IgnoreList.empty();
      throw new CliError(`--ignore-file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
    }
  }

  get size(): number {
    return this.rules.length;
  }

  /** `path` is relative to the allowlist's directory, with `/` separators. */
  ignores(path: string): boolean {
    const segments = path.replace(/^\.\//, '').split('/').filter(Boolean);
    let ignored = false;
    for (const rule of this.rules) {
      for (let n = 1; n <= segments.length; n++) {
        const isDirectory = n < segments.length;
        if (rule.directoryOnly && !isDirectory) continue;
        if (rule.regex.test(segments.slice(0, n).join('/'))) {
          ignored = !rule.negated;
          break;
        }
      }
    }
    return ignored;
  }
}

/** Glob body to regex source; every character that is not glob syntax is matched literally. */
function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (atSegmentStart && slashAfter) {
          out += '(?:.*/)?'; // `**/` = zero or more directories
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        const inner = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${inner}]`;
        i = end;
      }
    } else if (ch === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]);
      i += 1;
    } else {
      out += escapeRegex(ch);
    }
  }
  return out;
}

function escapeRegex(ch: string): string {
  return /[.+^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
