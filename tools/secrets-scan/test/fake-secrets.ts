import { generateKeyPairSync, randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A fresh AWS access key id in the valid format (`AKIA` + 16 base32 characters), made at run time
 * so this repository holds no key. Retries the (unlikely) draw that spells a documentation word.
 */
export function fakeAwsAccessKeyId(): string {
  for (;;) {
    let key = 'AK' + 'IA';
    for (let i = 0; i < 16; i++) key += BASE32[randomInt(BASE32.length)];
    if (!/EXAMPLE|DUMMY|FAKE|SAMPLE/.test(key)) return key;
  }
}

/** AWS's documentation key id, assembled so the literal is not in the source. */
export function awsDocumentationKeyId(): string {
  return 'AKIA' + 'IOSFODNN7' + 'EXAMPLE';
}

/** A real (throwaway) 1024-bit RSA key in PKCS#1 PEM: `-----BEGIN RSA PRIVATE KEY-----` ... END. */
export function fakeRsaPrivateKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}
