import { toRipgrep } from '../src/scanner-throughput.bench';

describe('toRipgrep', () => {
  it('wraps each pattern in a group and makes word boundaries ASCII, as in JavaScript', () => {
    expect(toRipgrep(String.raw`\b(AKIA|ASIA)[A-Z2-7]{16}\b`)).toBe(String.raw`(?:(?-u:\b)(AKIA|ASIA)[A-Z2-7]{16}(?-u:\b))`);
    expect(toRipgrep('(?i)token')).toBe('(?:(?i)token)');
  });
});
