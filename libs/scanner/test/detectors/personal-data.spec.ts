import { cardBrand } from '../../src/detectors/payment-card';
import { ipv6Groups } from '../../src/detectors/ip-address';
import { FixtureBuilder, groupBy4 } from '../corpus/fixtures';
import { expectNotLeaked, scanWith, textAt } from '../helpers';

const f = new FixtureBuilder(23);

describe('email', () => {
  it('finds addresses, trims sentence punctuation and keeps only the first letter and the domain', () => {
    const text = 'Write to jane.doe+scans@acme-corp.io. Or <ops@mail.acme.co.uk>, please.';
    const findings = scanWith('email', text);
    expect(findings.map((x) => textAt(text, x))).toEqual(['jane.doe+scans@acme-corp.io', 'ops@mail.acme.co.uk']);
    expect(findings.map((x) => x.redacted)).toEqual(['j***@acme-corp.io', 'o***@mail.acme.co.uk']);
    expectNotLeaked(findings, 'jane.doe+scans@acme-corp.io', 'ops@mail');
  });

  it('reports documentation domains (example.com, .test) at low severity', () => {
    const [finding] = scanWith('email', 'bob@example.com');
    expect(finding).toMatchObject({ severity: 'low', confidence: 0.5 });
  });

  it('ignores scoped packages, retina image names, URL credentials, ssh remotes and bare @', () => {
    const text = '@nx/jest icon@2x.png https://user@github.com/x git@github.com:acme/repo.git a@b @@@ x@localhost';
    expect(scanWith('email', text)).toEqual([]);
  });
});

describe('phone-number', () => {
  it.each([
    ['+44 20 7946 0958'],
    ['+1 (555) 123-4567'],
    ['+14155552671'],
    ['+33 6 12 34 56 78'],
    ['(555) 123-4567'],
    ['555-123-4567'],
    ['555.123.4567'],
    ['020 7946 0958'],
    ['07700 900123'],
  ])('finds %s', (phone) => {
    const text = `Call ${phone} today`;
    const findings = scanWith('phone-number', text);
    expect(findings.map((x) => textAt(text, x))).toEqual([phone]);
    expect(findings[0].redacted.replace(/[^0-9]/g, '')).toBe(phone.replace(/[^0-9]/g, '').slice(-2));
  });

  it('ignores dates, versions, IPs, long digit runs, ids and filler', () => {
    const text = [
      '2024-01-15',
      '15/01/2024',
      '01-15-2024',
      'v1.2.3',
      '10.0.0.1',
      '12345678901234567890',
      '5551234567',
      'version 555-123-4567',
      'order #555 123 4567',
      '000-000-0000',
      'ISBN 978-3-16-148410-0',
      '+1',
    ].join('\n');
    expect(scanWith('phone-number', text)).toEqual([]);
  });
});

/** How cards are embossed: Amex 4-6-5, Diners 4-6-4, the rest in fours. */
function printCard(pan: string, separator: string): string {
  if (pan.length === 15 || pan.length === 14) return [pan.slice(0, 4), pan.slice(4, 10), pan.slice(10)].join(separator);
  return groupBy4(pan, separator);
}

describe('payment-card', () => {
  const cards = {
    visa: () => f.cardNumber('4', 16),
    mastercard: () => f.cardNumber('52', 16),
    mastercard2: () => f.cardNumber('2221', 16),
    amex: () => f.cardNumber('37', 15),
    discover: () => f.cardNumber('6011', 16),
    jcb: () => f.cardNumber('3530', 16),
    diners: () => f.cardNumber('36', 14),
  };

  it.each(Object.entries(cards))('finds %s numbers, plain, spaced and dashed', (_, make) => {
    const pan = make();
    expect(cardBrand(pan)).toBeDefined();
    for (const printed of [pan, printCard(pan, ' '), printCard(pan, '-')]) {
      const text = `card: ${printed}.`;
      const [finding] = scanWith('payment-card', text);
      expect(textAt(text, finding)).toBe(printed);
      expect(finding.redacted.replace(/[^0-9]/g, '')).toBe(pan.slice(-4));
      expectNotLeaked([finding], printed, pan.slice(0, 12));
    }
  });

  it('redacts to the last four digits, keeping the grouping', () => {
    const pan = f.cardNumber('4', 16);
    const [finding] = scanWith('payment-card', groupBy4(pan));
    expect(finding.redacted).toBe(`**** **** **** ${pan.slice(-4)}`);
  });

  it('marks published test numbers low severity', () => {
    const [finding] = scanWith('payment-card', '4111 1111 1111 1111');
    expect(finding).toMatchObject({ severity: 'low', confidence: 0.3, redacted: '**** **** **** 1111' });
  });

  it('ignores failing Luhn, unknown IINs, mixed separators and wrong lengths', () => {
    const pan = f.cardNumber('4', 16);
    const broken = pan.slice(0, -1) + ((Number(pan.slice(-1)) + 1) % 10);
    const unknownIin = f.cardNumber('9', 16);
    const mixed = `${pan.slice(0, 4)} ${pan.slice(4, 8)}-${pan.slice(8, 12)} ${pan.slice(12)}`;
    const text = [broken, unknownIin, mixed, f.cardNumber('4', 17), '0000000000000000'].join('\n');
    expect(scanWith('payment-card', text)).toEqual([]);
  });
});

describe('iban', () => {
  it('finds compact and printed IBANs of several countries and keeps country + last 4', () => {
    const gb = f.iban('GB');
    const de = f.iban('DE', '370400440532013000');
    const fr = f.iban('FR', '20041010050500013M02606');
    const text = `pay ${groupBy4(gb)} or ${de}; FR: ${fr}`;
    const findings = scanWith('iban', text);
    expect(findings.map((x) => textAt(text, x))).toEqual([groupBy4(gb), de, fr]);
    expect(findings[0].redacted).toBe(`GB** **** **** **** **${gb.slice(-4, -2)} ${gb.slice(-2)}`);
    expectNotLeaked(findings, gb, groupBy4(gb), de, fr);
  });

  it('stops at the country length when a word follows', () => {
    const gb = f.iban('GB');
    const text = `${groupBy4(gb)} ABC`;
    const [finding] = scanWith('iban', text);
    expect(textAt(text, finding)).toBe(groupBy4(gb));
  });

  it('rejects a wrong checksum, a wrong length and unknown countries', () => {
    const gb = f.iban('GB');
    const badCheck = gb.slice(0, 2) + String((Number(gb.slice(2, 4)) + 1) % 100).padStart(2, '0') + gb.slice(4);
    const text = [badCheck, gb.slice(0, -1), 'ZZ12' + gb.slice(4)].join('\n');
    expect(scanWith('iban', text)).toEqual([]);
  });
});

describe('us-ssn', () => {
  it('finds dashed SSNs and is surer when the line names them', () => {
    const ssn = f.ssn();
    const findings = scanWith('us-ssn', `SSN: ${ssn}\nref ${ssn}`);
    expect(findings.map((x) => x.confidence)).toEqual([0.95, 0.6]);
    expect(findings[0].redacted).toBe(`***-**-${ssn.slice(-4)}`);
    expectNotLeaked(findings, ssn);
  });

  it('takes space-separated SSNs only when named', () => {
    expect(scanWith('us-ssn', 'social security 512 34 5678')).toHaveLength(1);
    expect(scanWith('us-ssn', 'rows 512 34 5678')).toEqual([]);
  });

  it.each(['000-12-3456', '666-12-3456', '912-12-3456', '512-00-3456', '512-34-0000', '078-05-1120', '219-09-9999', '123-45-6789'])(
    'rejects never-issued or publicised %s',
    (ssn) => {
      expect(scanWith('us-ssn', `SSN ${ssn}`)).toEqual([]);
    },
  );
});

describe('ip-address', () => {
  it('finds public IPv4 at medium and private ranges at low severity', () => {
    const text = 'from 8.8.4.4 via 10.1.2.3, 192.168.0.10, 172.20.1.1 and 127.0.0.1.';
    const findings = scanWith('ip-address', text);
    expect(findings.map((x) => [textAt(text, x), x.severity])).toEqual([
      ['8.8.4.4', 'medium'],
      ['10.1.2.3', 'low'],
      ['192.168.0.10', 'low'],
      ['172.20.1.1', 'low'],
      ['127.0.0.1', 'low'],
    ]);
    expect(findings[0].redacted).toBe('8.*.*.*');
  });

  it('finds IPv6 addresses, full and compressed', () => {
    const text = 'client 2a00:1450:4001:81c::200e and 2001:0db8:85a3:0000:0000:8a2e:0370:7334, link fe80::1ff:fe23:4567:890a';
    const findings = scanWith('ip-address', text);
    expect(findings.map((x) => [textAt(text, x), x.severity])).toEqual([
      ['2a00:1450:4001:81c::200e', 'medium'],
      ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'low'],
      ['fe80::1ff:fe23:4567:890a', 'low'],
    ]);
    expect(findings[0].redacted).toBe('2a00:****');
  });

  it('ignores versions, octets over 255, leading zeros, OIDs, CIDRs, netmasks, times and MACs', () => {
    const text = [
      'version 10.0.0.1',
      'v1.2.3.4',
      '256.1.1.1',
      '01.02.03.04',
      '1.3.6.1.4.1.311',
      '10.0.0.0/16',
      '255.255.255.0',
      '0.0.0.0',
      '12:30:45',
      '00:1A:2B:3C:4D:5E',
      'std::vector a::b',
    ].join('\n');
    expect(scanWith('ip-address', text)).toEqual([]);
    expect(ipv6Groups('1::2::3')).toBeUndefined();
  });
});
