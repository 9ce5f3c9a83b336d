/** How far detectors look around a match for context words. Bounded so scans stay linear. */
export const CONTEXT_WINDOW = 64;

/** Up to `maxChars` characters before `index`, stopping at the start of the line. */
export function textBefore(text: string, index: number, maxChars = CONTEXT_WINDOW): string {
  const from = Math.max(0, index - maxChars);
  const slice = text.slice(from, index);
  const newline = Math.max(slice.lastIndexOf('\n'), slice.lastIndexOf('\r'));
  return newline >= 0 ? slice.slice(newline + 1) : slice;
}

/** Up to `maxChars` characters from `index`, stopping at the end of the line. */
export function textAfter(text: string, index: number, maxChars = CONTEXT_WINDOW): string {
  const slice = text.slice(index, index + maxChars);
  const newline = slice.search(/[\r\n]/);
  return newline >= 0 ? slice.slice(0, newline) : slice;
}
