/** Decodes base64url (no padding required) to a UTF-8 string, or undefined if it is not valid. */
export function decodeBase64Url(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(value) || value.length % 4 === 1) return undefined;
  return Buffer.from(value, 'base64url').toString('utf8');
}

/** Parses base64url-encoded JSON; undefined unless it decodes to a JSON object. */
export function decodeBase64UrlJsonObject(value: string): Record<string, unknown> | undefined {
  const decoded = decodeBase64Url(value);
  if (decoded === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(decoded);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
