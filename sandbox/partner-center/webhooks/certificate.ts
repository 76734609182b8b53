import { createHash, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  printable,
  sequence,
  set,
  time,
  utf8,
} from './der';

/**
 * The sandbox's webhook signing identity: an RSA key pair and a self-signed X.509 certificate whose
 * issuer carries `O=Microsoft Corporation` (what receivers check, reference §5.6). Generated in
 * memory at start-up, never written to the repository.
 */
export interface SigningIdentity {
  privateKey: KeyObject;
  certificatePem: string;
  certificateDer: Buffer;
  certificate: X509Certificate;
}

export const CERTIFICATE_SUBJECT: readonly [string, string][] = [
  ['2.5.4.6', 'US'],
  ['2.5.4.8', 'Washington'],
  ['2.5.4.7', 'Redmond'],
  ['2.5.4.10', 'Microsoft Corporation'],
  ['2.5.4.11', 'Co-sell Sync sandbox (test only)'],
  ['2.5.4.3', 'pcnotifications-dispatch.microsoft.com'],
];

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

function name(rdns: readonly [string, string][]): Buffer {
  return sequence(
    ...rdns.map(([type, value]) => set(sequence(oid(type), type === '2.5.4.6' ? printable(value) : utf8(value)))),
  );
}

/** Builds and self-signs a certificate for the key pair, valid from `notBefore` to `notAfter`. */
export function createSelfSignedCertificate(
  privateKey: KeyObject,
  publicKey: KeyObject,
  notBefore: number,
  notAfter: number,
  subject: readonly [string, string][] = CERTIFICATE_SUBJECT,
): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
  const serial = createHash('sha256').update(spki).digest().subarray(0, 16);
  serial[0] &= 0x7f;
  const keyId = createHash('sha1').update(spki).digest();
  const extensions = explicit(
    3,
    sequence(
      sequence(oid('2.5.29.19'), boolean(true), octetString(sequence(boolean(true)))),
      sequence(oid('2.5.29.14'), octetString(octetString(keyId))),
    ),
  );
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    algorithm,
    name(subject),
    sequence(time(notBefore), time(notAfter)),
    name(subject),
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  return sequence(tbs, algorithm, bitString(signature));
}

export function toPem(der: Buffer): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

let cachedKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/**
 * A fresh identity. The RSA key pair is made once per process (key generation is the slow part;
 * tests start many sandboxes); the certificate is made per call, valid around the given instants.
 */
export function createSigningIdentity(...instants: number[]): SigningIdentity {
  cachedKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const day = 24 * 3600 * 1000;
  // Valid around every instant given (the sandbox clock and the wall clock may differ widely).
  const from = Math.min(...instants) - day;
  const to = Math.max(...instants) + 5 * 365 * day;
  const der = createSelfSignedCertificate(cachedKeys.privateKey, cachedKeys.publicKey, from, to);
  return {
    privateKey: cachedKeys.privateKey,
    certificateDer: der,
    certificatePem: toPem(der),
    certificate: new X509Certificate(der),
  };
}
