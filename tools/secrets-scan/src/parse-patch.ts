import type { AddedBlock } from './added-lines';
import { COMMIT_LINE_PREFIX } from './git';
import { unquotePath } from './unquote-path';

// `@@ -a,b +c,d @@` for a commit with one parent; a merge's combined diff (`--cc`) has one more `@`
// and one more `-a,b` range per parent: `@@@ -a,b -c,d +e,f @@@`.
const HUNK_HEADER = /^(@{2,10}) (?:-\d+(?:,\d+)? ){1,9}\+(\d+)(?:,\d+)? @{2,10}/;

/**
 * The added lines of `git log -p --cc -U0` output (or of one `git diff`), grouped into runs of
 * consecutive lines per commit and file. Deleted files, binary files and removed lines yield nothing.
 * In a merge's combined diff a line has one marker column per parent; only a line that is new
 * against every parent (`++`: a conflict resolution, an "evil merge") counts as added, since the
 * others were added, and scanned, in the commits being merged.
 */
export function parsePatch(patch: string): AddedBlock[] {
  const blocks: AddedBlock[] = [];
  let commit: string | undefined;
  let file: string | null = null;
  let inHeader = false;
  let nextLine = 0;
  let parents = 1;
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
          parents = hunk[1].length - 1;
          nextLine = Number(hunk[2]);
        }
      }
    } else if (file !== null) {
      const hunk = HUNK_HEADER.exec(line);
      if (hunk) {
        close();
        parents = hunk[1].length - 1;
        nextLine = Number(hunk[2]);
        continue;
      }
      if (line.startsWith('\\')) continue; // "\ No newline at end of file" changes nothing
      const markers = line.slice(0, parents);
      if (markers.length < parents || markers.includes('-')) {
        close(); // removed against some parent: not in the new file
      } else if (/^\++$/.test(markers)) {
        const current = run.open;
        const text = line.slice(parents);
        if (current && current.startLine + current.lines.length === nextLine) current.lines.push(text);
        else {
          close();
          run.open = { ...(commit ? { commit } : {}), file, startLine: nextLine, lines: [text] };
        }
        nextLine += 1;
      } else {
        close(); // context, or a line some parent already had
        nextLine += 1;
      }
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
