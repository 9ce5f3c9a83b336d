/** Root package.json scripts that a `run:` block calls: `npm run [flags] <name>`, `npm test`. */
export function npmScriptsCalled(run: string): string[] {
  const names: string[] = [];
  for (const m of run.matchAll(/\bnpm\s+(?:run|run-script)((?:\s+--?[\w-]+(?:=\S+)?)*)\s+([\w:.-]+)/g)) names.push(m[2]);
  for (const m of run.matchAll(/\bnpm\s+(test|start|stop|restart)\b/g)) names.push(m[1]);
  return [...new Set(names)];
}

/**
 * Files a `run:` block executes from the checkout: `./path/to/script`, `bash path`, `sh path`,
 * `jq -f path`. Expressions and variables (`${{ }}`, `$X`) are not paths.
 */
export function localFilesCalled(run: string): string[] {
  const files: string[] = [];
  for (const m of run.matchAll(/(?:^|[\s;&|(])(\.\/[\w./-]+)/gm)) files.push(m[1]);
  for (const m of run.matchAll(/\b(?:bash|sh|source)\s+((?:\.\/)?[\w.-]+\/[\w./-]+)/g)) files.push(m[1]);
  for (const m of run.matchAll(/\bjq\b[^\n]*?\s-f\s+((?:\.\/)?[\w.-]+\/[\w./-]+)/g)) files.push(m[1]);
  return [...new Set(files.map((f) => f.replace(/^\.\//, '')))];
}

/** `owner/repo@ref` or `owner/repo/path@ref`; null for local (`./`) and docker actions. */
export function remoteAction(uses: string): { name: string; ref: string } | null {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return null;
  const at = uses.lastIndexOf('@');
  return at < 0 ? { name: uses, ref: '' } : { name: uses.slice(0, at), ref: uses.slice(at + 1) };
}

/** A full commit sha: a tag (`v4`) can be moved to other code, a branch (`main`) moves anyway. */
export function isPinned(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref);
}

/** `uses: owner/repo@<sha> # v1.2.3`: the comment names the release the sha was taken from. */
export function hasVersionComment(line: string): boolean {
  return /@[0-9a-f]{40}\s+#\s*v\d+\.\d+\.\d+\b/.test(line);
}
