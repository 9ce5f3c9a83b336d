import type { AddedBlock } from './added-lines';
import { COMMIT_LINE_PREFIX } from './git';
import { unquotePath } from './unquote-path';

const HUNK_HEADER = /^@@@? -\d+(?:,\d+)?(?: -\d+(?:,\d+)?)? \+(\d+)(?:,\d+)? @@@?/;

/**
 * The added lines of `git log -p -U0` output (or of one `git diff`), grouped into runs of
 * consecutive lines per commit and file. Deleted files, binary files and removed lines yield nothing.
 */
export function parsePatch(patch: string): AddedBlock[] {
  const blocks: AddedBlock[] = [];
  let commit: string | undefined;
  let file: string | null = null;
  let inHeader = false;
  let nextLine = 0;
  // Lines are appended to `open.lines`, so the run is mutable until a gap, a new file or a new commit closes it.
  const run: { open: { commit?: string; file: string; startLine: number; lines: string[] } | null } = { open: null };

  const close = () => {
    if (run.open) blocks.push(run.open);
    run.open = null;
  };

  for (const line of patch.split('\n')) {
    if (line.startsWith(COMMIT_LINE_PREFIX)) {
      close();
      commit = line.slice(COMMIT_LINE_PREFIX.length).trim();
      file = null;
      inHeader = false;
    } else if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      close();
      file = null;
      inHeader = true;
    } else if (inHeader) {
      // Header lines: index, mode, rename/copy, similarity, ---, +++, "Binary files ... differ".
      if (line.startsWith('+++ ')) file = newPath(line.slice(4));
      else {
        const hunk = HUNK_HEADER.exec(line);
        if (hunk) {
          inHeader = false;
          nextLine = Number(hunk[1]);
        }
      }
    } else if (file !== null) {
      const hunk = HUNK_HEADER.exec(line);
      if (hunk) {
        close();
        nextLine = Number(hunk[1]);
      } else if (line.startsWith('+')) {
        const current = run.open;
        if (current && current.startLine + current.lines.length === nextLine) current.lines.push(line.slice(1));
        else {
          close();
          run.open = { ...(commit ? { commit } : {}), file, startLine: nextLine, lines: [line.slice(1)] };
        }
        nextLine += 1;
      } else if (line.startsWith(' ')) {
        close();
        nextLine += 1;
      } else if (line.startsWith('-')) {
        close();
      }
      // "\ No newline at end of file" changes nothing.
    }
  }
  close();
  return blocks;
}

/** `b/path`, `"b/quoted\tpath"` or `/dev/null` (deleted: nothing to scan). Git adds a tab after names with spaces. */
function newPath(raw: string): string | null {
  const name = unquotePath(raw.replace(/\t$/, ''));
  if (name === '/dev/null') return null;
  return name.startsWith('b/') ? name.slice(2) : name;
}
