import { parseCidr, subnetCidr } from '../src';

describe('cidr', () => {
  it('matches terraform cidrsubnet', () => {
    const vpc = parseCidr('10.30.0.0/16');
    if (!vpc) throw new Error('expected a valid CIDR');
    expect(subnetCidr(vpc, 4, 0)).toBe('10.30.0.0/20');
    expect(subnetCidr(vpc, 4, 5)).toBe('10.30.80.0/20');
    expect(subnetCidr(vpc, 8, 255)).toBe('10.30.255.0/24');
  });

  it('rejects malformed or unaligned ranges', () => {
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('300.0.0.0/16')).toBeUndefined();
    expect(parseCidr('10.0.0.5/16')).toBeUndefined();
  });
});
