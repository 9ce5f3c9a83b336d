import { prefixedTokenDetector } from './prefixed-token-detector';

// xoxb- (bot), xoxp- (user), xoxa- (app), xoxr- (refresh), xoxs- (session): dash-separated
// segments. Each segment's class excludes '-', so there is exactly one way to split a run.
const PATTERN = /\bxox[baprs]-[0-9A-Za-z]{1,64}(?:-[0-9A-Za-z]{1,64}){1,5}\b/g;

export const slackToken = prefixedTokenDetector({
  id: 'slack-token',
  severity: 'high',
  description: 'Slack API token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-)',
  pattern: PATTERN,
  keepPrefix: 5,
  // Real tokens carry numeric team/user ids and a long random tail.
  accept: (value) => value.length >= 24 && /-[0-9]{6,}-/.test(value),
});
