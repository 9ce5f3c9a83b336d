/** Where a UTF-16 index of the scanned string lies in the UTF-8 document. */
export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in Unicode code points. */
  column: number;
  /** 1-based, in UTF-16 code units (how JavaScript, editors and SARIF's `utf16CodeUnits` count). */
  utf16Column: number;
  /** UTF-8 byte offset (as `Buffer.from(text, 'utf8')`; a lone surrogate counts 3 bytes, as U+FFFD). */
  byte: number;
}

/**
 * Converts many UTF-16 indices to positions in one left-to-right pass over the text (linear in
 * the text, plus sorting the indices). Lines end at "\n", "\r\n" or a lone "\r".
 */
export function locate(text: string, indices: Iterable<number>): Map<number, Position> {
  const targets = [...new Set(indices)].sort((a, b) => a - b);
  const positions = new Map<number, Position>();
  let i = 0;
  let byte = 0;
  let line = 1;
  let column = 1;
  let utf16Column = 1;
  for (const target of targets) {
    while (i < target) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        byte += 1;
        if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
          line++;
          column = 1;
          utf16Column = 1;
        } else {
          column++;
          utf16Column++;
        }
        i++;
      } else if (code < 0x800) {
        byte += 2;
        column++;
        utf16Column++;
        i++;
      } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
        byte += 4;
        column++;
        utf16Column += 2;
        i += 2;
      } else {
        byte += 3;
        column++;
        utf16Column++;
        i++;
      }
    }
    positions.set(target, { line, column, utf16Column, byte });
  }
  return positions;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
