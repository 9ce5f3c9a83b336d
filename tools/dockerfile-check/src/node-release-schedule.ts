/**
 * End-of-life dates of the Node.js LTS lines (nodejs.org/en/about/previous-releases). Odd majors are never LTS.
 * Update this table when a new line enters LTS; the rule fails images whose line is past its end of life.
 */
export const NODE_LTS_END_OF_LIFE: Readonly<Record<number, string>> = {
  18: '2025-04-30',
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
};

/** Why a Node major is not a supported LTS line on `today`, or undefined when it is. */
export function nodeLtsProblem(major: number, today: Date): string | undefined {
  const endOfLife = NODE_LTS_END_OF_LIFE[major];
  if (endOfLife === undefined) return `Node ${major} is not an LTS line: use an even major listed in node-release-schedule.ts`;
  if (today.toISOString().slice(0, 10) > endOfLife) return `Node ${major} reached end of life on ${endOfLife}: move to a supported LTS line`;
  return undefined;
}
