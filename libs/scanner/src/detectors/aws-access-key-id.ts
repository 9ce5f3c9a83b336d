import { prefixedTokenDetector } from './prefixed-token-detector';

// AKIA = long-term IAM user key, ASIA = temporary STS key; 16 more base32 characters.
// Word boundaries on both sides: `AKIA`.repeat(n) never matches and each start is tried once.
const PATTERN = /\b(AKIA|ASIA)[A-Z2-7]{16}\b/g;

export const awsAccessKeyId = prefixedTokenDetector({
  id: 'aws-access-key-id',
  // The id alone cannot sign a request, so "high" rather than "critical"; documentation
  // keys such as AKIAIOSFODNN7EXAMPLE stay visible but at low confidence and severity.
  severity: 'high',
  description: 'AWS access key id (AKIA long-term, ASIA temporary)',
  pattern: PATTERN,
  keepPrefix: 4,
});
