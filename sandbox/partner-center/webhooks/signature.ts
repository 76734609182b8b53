import { sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

/** RSASSA-PKCS1-v1_5 with SHA-256 over the exact UTF-8 body, base64 (reference §5.6). */
export function signBody(body: string, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(body, 'utf8'), privateKey).toString('base64');
}

/** The headers Partner Center puts on a callback. */
export function signatureHeaders(
  body: string,
  privateKey: KeyObject,
  certificateUrl: string,
  toMsSignatureHeader: boolean,
): Record<string, string> {
  const value = `Signature ${signBody(body, privateKey)}`;
  return {
    'Content-Type': 'application/json',
    [toMsSignatureHeader ? 'x-ms-signature' : 'Authorization']: value,
    'X-MS-Certificate-Url': certificateUrl,
    'X-MS-Signature-Algorithm': 'rsa-sha256',
  };
}

export type VerifyResult = { ok: true } | { ok: false; status: 400 | 401; reason: string };

export interface VerifyOptions {
  /** Time for the certificate validity check (default: now). */
  now?: number;
  /**
   * Certificates the signing certificate must be issued by (PEM). Without it the certificate must
   * be self-signed and verify against its own key: the sandbox's stand-in for "chains to the
   * Microsoft Root", which a local test cannot reach.
   */
  trustedIssuersPem?: string[];
}

/**
 * Receiver-side check of a Partner Center webhook callback, following Microsoft's sample
 * (reference §5.6): signature from `Authorization` or `x-ms-signature` with scheme `Signature`
 * (401 otherwise), `x-ms-certificate-url` and `x-ms-signature-algorithm` present (400 otherwise),
 * algorithm rsa-sha256, certificate issuer containing `O=Microsoft Corporation`, certificate valid
 * and trusted, and the signature verifying over the raw body. Pure: the caller downloads the
 * certificate from the URL.
 */
export function verifyWebhookSignature(
  body: string | Buffer,
  headers: Record<string, string | string[] | undefined>,
  certPem: string,
  options: VerifyOptions = {},
): VerifyResult {
  const header = (name: string): string | undefined => {
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
    return undefined;
  };
  const raw = header('x-ms-signature') ?? header('authorization');
  if (!raw)
    return { ok: false, status: 401, reason: 'No signature: neither Authorization nor x-ms-signature is present.' };
  const [scheme, token, ...rest] = raw.trim().split(/\s+/);
  if (scheme !== 'Signature' || !token || rest.length > 0)
    return { ok: false, status: 401, reason: `The signature scheme must be "Signature" (got "${scheme}").` };
  if (!header('x-ms-certificate-url')) return { ok: false, status: 400, reason: 'x-ms-certificate-url is missing.' };
  const algorithm = header('x-ms-signature-algorithm');
  if (!algorithm) return { ok: false, status: 400, reason: 'x-ms-signature-algorithm is missing.' };
  if (algorithm.toLowerCase() !== 'rsa-sha256')
    return { ok: false, status: 400, reason: `Unsupported signature algorithm ${algorithm}; expected rsa-sha256.` };

  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { ok: false, status: 401, reason: 'The certificate cannot be read.' };
  }
  if (!/(^|[\n,]\s*)O=Microsoft Corporation(\s*[\n,]|$)/.test(cert.issuer))
    return {
      ok: false,
      status: 401,
      reason: `The certificate issuer "${cert.issuer.replace(/\n/g, ', ')}" is not O=Microsoft Corporation.`,
    };
  const now = options.now ?? Date.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo))
    return { ok: false, status: 401, reason: 'The certificate is not valid at this time.' };
  if (!isTrusted(cert, options.trustedIssuersPem))
    return { ok: false, status: 401, reason: 'The certificate does not chain to a trusted issuer.' };

  const signature = Buffer.from(token, 'base64');
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const good = verify('sha256', data, cert.publicKey, signature);
  return good ? { ok: true } : { ok: false, status: 401, reason: 'The signature does not match the body.' };
}

function isTrusted(cert: X509Certificate, issuersPem: string[] | undefined): boolean {
  try {
    if (!issuersPem) return cert.checkIssued(cert) && cert.verify(cert.publicKey);
    return issuersPem.some((pem) => {
      const issuer = new X509Certificate(pem);
      return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
    });
  } catch {
    return false;
  }
}
