/**
 * Documents with known leaks. Fake secrets in valid formats are assembled at run time so that
 * secret scanners do not flag this repository.
 */
const AWS_KEY_PREFIX = ['AK', 'IA'].join('');

function fakeAwsKeyId(n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let body = '';
  for (let i = 0, x = n * 7919 + 17; i < 16; i++, x = Math.floor(x / 3) + i * 131) body += alphabet[x % alphabet.length];
  return AWS_KEY_PREFIX + body;
}

/** A small document with an email, a phone number and a cloud key id; `n` makes it unique. */
export function leakyDocument(n: number): string {
  return [
    `Ticket ${n}: customer asked to update their contact details.`,
    `Contact: jane.doe${n}@example.org, phone +44 20 7946 0${String(n % 1000).padStart(3, '0')}.`,
    `Deploy notes: aws_access_key_id = ${fakeAwsKeyId(n)}`,
    'No other data.',
  ].join('\n');
}

/** A large document dense with findings, so writing its findings takes seconds. */
export function heavyDocument(emails: number): string {
  const lines: string[] = [];
  for (let i = 0; i < emails; i++) lines.push(`row ${i}: user${i}.name@example-corp.org`);
  return lines.join('\n');
}
