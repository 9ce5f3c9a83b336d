/**
 * JSON that CDKTF embeds in string attributes (policies, container definitions) can hold Terraform
 * expressions. Inside JSON strings they are harmless (`"${aws_sqs_queue.jobs.arn}"`); outside them
 * (`"cpu": ${var.cpu}`) they break JSON.parse. This parser quotes the bare ones, then parses.
 */
export type LenientJsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Index just past the `}` closing the expression that starts at `start` (which points at `${`). */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"') quote = char;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function quoteBareExpressions(text: string): string | undefined {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === '\\') {
        out += text[i + 1] ?? '';
        i += 1;
      } else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '$' && text[i + 1] === '{') {
      const end = expressionEnd(text, i);
      if (end < 0) return undefined;
      out += JSON.stringify(text.slice(i, end));
      i = end - 1;
    } else out += char;
  }
  return out;
}

export function parseLenientJson(text: string): LenientJsonResult {
  const trimmed = text.trim();
  if (trimmed.startsWith('${') && expressionEnd(trimmed, 0) === trimmed.length) {
    return { ok: false, reason: `it is a Terraform expression (${trimmed.slice(0, 60)}), not JSON` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const quoted = quoteBareExpressions(text);
    if (quoted !== undefined) {
      try {
        return { ok: true, value: JSON.parse(quoted) };
      } catch {
        // fall through to the message below
      }
    }
    return { ok: false, reason: 'it is not valid JSON' };
  }
}
