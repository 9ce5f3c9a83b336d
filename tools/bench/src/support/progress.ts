/** One progress line on stderr (run-all passes it through), so a long benchmark says what it is doing. */
export function progress(name: string, message: string): void {
  process.stderr.write(`bench: ${name}: ${message}\n`);
}

/** run-all's line while a benchmark runs: which one of how many, for how long, and its time limit. */
export function runningLine(name: string, position: number, total: number, elapsedSeconds: number, limitSeconds: number): string {
  return `bench: [${position}/${total}] ${name} running, ${Math.round(elapsedSeconds)} s (stopped at ${limitSeconds} s)`;
}
