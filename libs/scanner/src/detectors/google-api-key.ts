import { prefixedTokenDetector } from './prefixed-token-detector';

// AIza + 35 characters of [0-9A-Za-z_-]; not followed by another key character.
const PATTERN = /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g;

export const googleApiKey = prefixedTokenDetector({
  id: 'google-api-key',
  severity: 'high',
  description: 'Google API key (AIza...)',
  pattern: PATTERN,
  keepPrefix: 4,
});
