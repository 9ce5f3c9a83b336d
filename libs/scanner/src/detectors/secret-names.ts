/**
 * Words that make a key name secret-like (`DB_PASSWORD`, `apiKey`, `client_secret`, `authToken`).
 * Fixed alternatives with no repetition: cheap to try at every position.
 */
export const SECRET_NAME = /passw(?:or)?d|passphrase|secret|api[_-]?key|access[_-]?key|private[_-]?key|token|credential|auth[_-]?key/gi;

/**
 * Key names that contain a secret word but hold something else: a hash, a length, a file path,
 * a URL, a policy, a form label. `password_hash`, `token_url`, `secret_name`, `passwordField`.
 */
export const NON_SECRET_KEY =
  /hash|sha[0-9_-]|commit|checksum|fingerprint|integrity|digest|length|len$|size|type|name|_id$|Id$|field|policy|regex|pattern|file|path|url|uri|endpoint|prompt|label|hint|reset|expir|count|min|max|required|strength|confirm|manager|store|provider|ref$|arn|header|param|format|rotation|version|enabled|mode|class|usage|limit|ttl|prefix|kind/i;

/** Secret-like names plus the words that introduce a bare credential in headers and prose. */
export const CREDENTIAL_CONTEXT = new RegExp(`${SECRET_NAME.source}|bearer|authorization|signature|session`, 'gi');

/** Characters of an identifier or config key (`spring.datasource.password`, `db-password`). */
export const KEY_CHAR = /[A-Za-z0-9_.-]/;
