/**
 * Values that hold a place for a secret rather than being one: templates (`${DB_PASSWORD}`,
 * `{{ token }}`, `<your-key>`), masks (`xxxx`, `****`), and words people type as stand-ins.
 */
const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'null',
  'none',
  'nil',
  'undefined',
  'true',
  'false',
  'empty',
  'redacted',
  'hidden',
  'todo',
  'tbd',
  'example',
  'sample',
  'dummy',
  'test',
  'placeholder',
  'string',
  'number',
  'boolean',
  'str',
  'bytes',
  'int',
  'any',
  'unknown',
  'required',
  'optional',
]);

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  // Template and variable references: ${VAR}, $VAR, {{ var }}, %(var)s, <your-password>, [secret].
  if (/^\$\{[^}]*\}?$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\{\{.*\}\}$|^%\(.*\)s?$|^<[^>]*>$|^\[[^\]]*\]$/.test(v)) return true;
  // Masks: a single character repeated (xxxx, ****, ....., 0000).
  if (/^(.)\1*$/.test(v)) return true;
  if (/^x{3,}/i.test(v) || /^\*{3,}/.test(v)) return true;
  // Phrases that say what belongs there: your_password, my-api-key, insert-token-here, etc.
  if (/^(your|my|insert|enter|put|replace)[-_ ]|[-_ ](here|goes[-_ ]here)$/i.test(v)) return true;
  return false;
}

/**
 * True when a value announces that it is documentation: AWS's `AKIAIOSFODNN7EXAMPLE`, Stripe's
 * docs keys, "dummy"/"fake"/"sample" tokens. Such matches are kept at low confidence rather than
 * dropped: a copy-pasted doc snippet is harmless, but a key that merely ends in "EXAMPLE" could
 * still be real, and consumers can filter on confidence.
 */
export function looksLikeExample(value: string): boolean {
  return /example|dummy|fake|sample|placeholder/i.test(value);
}
