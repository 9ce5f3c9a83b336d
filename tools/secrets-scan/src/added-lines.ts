/** A run of consecutive lines a commit added to one file (or a whole file, in file mode). */
export interface AddedBlock {
  /** Full sha of the commit that added the lines; absent when a file on disk was scanned. */
  readonly commit?: string;
  /** Path relative to the repository root (diff mode) or as given (file mode). */
  readonly file: string;
  /** 1-based line number of `lines[0]` in the file as the commit left it. */
  readonly startLine: number;
  readonly lines: string[];
}
