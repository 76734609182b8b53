import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import {
  createSelfSignedCertificate,
  createSigningIdentity,
  toPem,
} from '../../../sandbox/partner-center/webhooks/certificate';
import { signatureHeaders, verifyWebhookSignature } from '../../../sandbox/partner-center/webhooks/signature';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const identity = createSigningIdentity(NOW);
const body = JSON.stringify({
  EventName: 'referral-updated',
  ResourceUri: 'https://api.partner.microsoft.com/v1.0/engagements/referrals/1',
  ResourceName: 'referral',
  AuditUri: null,
  ResourceChangeUtcDate: '2026-01-05T09:00:00.0000000+00:00',
});
const headers = signatureHeaders(body, identity.privateKey, 'http://127.0.0.1:1/_certs/x.cer', false);

describe('the sandbox signing certificate', () => {
  test('is a parseable self-signed X.509 certificate whose issuer holds O=Microsoft Corporation', () => {
    const cert = new X509Certificate(identity.certificatePem);
    expect(cert.issuer).toContain('O=Microsoft Corporation');
    expect(cert.subject).toContain('CN=pcnotifications-dispatch.microsoft.com');
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(Date.parse(cert.validFrom)).toBeLessThan(NOW);
    expect(Date.parse(cert.validTo)).toBeGreaterThan(NOW);
    expect(identity.certificatePem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/,
    );
    expect(new X509Certificate(identity.certificateDer).fingerprint256).toBe(cert.fingerprint256);
  });

  test('validity dates past 2049 use GeneralizedTime and still parse', () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const der = createSelfSignedCertificate(
      keys.privateKey,
      keys.publicKey,
      Date.parse('2049-06-01T00:00:00Z'),
      Date.parse('2051-06-01T00:00:00Z'),
    );
    const cert = new X509Certificate(der);
    expect(cert.validTo).toContain('2051');
  });
});

describe('verifyWebhookSignature', () => {
  test('round trip: headers as sent verify against the served certificate', () => {
    expect(headers['X-MS-Signature-Algorithm']).toBe('rsa-sha256');
    expect(headers.Authorization).toMatch(/^Signature [A-Za-z0-9+/]+=*$/);
    expect(verifyWebhookSignature(body, headers, identity.certificatePem, { now: NOW })).toEqual({ ok: true });
    expect(verifyWebhookSignature(Buffer.from(body), lower(headers), identity.certificatePem, { now: NOW })).toEqual({
      ok: true,
    });
  });

  test('x-ms-signature carries "Signature <b64>" when signatureTokenToMsSignatureHeader is set', () => {
    const h = signatureHeaders(body, identity.privateKey, 'http://x/c.cer', true);
    expect(h).not.toHaveProperty('Authorization');
    expect(h['x-ms-signature']).toMatch(/^Signature /);
    expect(verifyWebhookSignature(body, h, identity.certificatePem, { now: NOW })).toEqual({ ok: true });
  });

  test('a changed body, a changed signature or another key fails with 401', () => {
    expect(
      verifyWebhookSignature(body.replace('updated', 'created'), headers, identity.certificatePem, { now: NOW }),
    ).toMatchObject({ ok: false, status: 401 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signatureHeaders(body, other.privateKey, 'http://x/c.cer', false);
    expect(verifyWebhookSignature(body, forged, identity.certificatePem, { now: NOW })).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringContaining('does not match'),
    });
  });

  test('missing headers follow Microsoft sample: 401 without signature or with another scheme, 400 without cert URL or algorithm', () => {
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    expect(verifyWebhookSignature(body, without('Authorization'), identity.certificatePem, { now: NOW })).toMatchObject(
      { status: 401 },
    );
    expect(
      verifyWebhookSignature(
        body,
        { ...headers, Authorization: headers.Authorization.replace('Signature', 'Bearer') },
        identity.certificatePem,
        { now: NOW },
      ),
    ).toMatchObject({ status: 401 });
    expect(
      verifyWebhookSignature(body, without('X-MS-Certificate-Url'), identity.certificatePem, { now: NOW }),
    ).toMatchObject({ status: 400 });
    expect(
      verifyWebhookSignature(body, without('X-MS-Signature-Algorithm'), identity.certificatePem, { now: NOW }),
    ).toMatchObject({ status: 400 });
    expect(
      verifyWebhookSignature(body, { ...headers, 'X-MS-Signature-Algorithm': 'rsa-sha1' }, identity.certificatePem, {
        now: NOW,
      }),
    ).toMatchObject({ status: 400 });
  });

  test('a certificate not issued by O=Microsoft Corporation, expired, or not trusted is refused', () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const notMs = toPem(
      createSelfSignedCertificate(keys.privateKey, keys.publicKey, NOW - 1000, NOW + 1e9, [
        ['2.5.4.10', 'Fabrikam'],
        ['2.5.4.3', 'evil'],
      ]),
    );
    const h = signatureHeaders(body, keys.privateKey, 'http://x/c.cer', false);
    expect(verifyWebhookSignature(body, h, notMs, { now: NOW })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not O=Microsoft Corporation'),
    });
    expect(
      verifyWebhookSignature(body, headers, identity.certificatePem, { now: NOW + 10 * 365 * 86400e3 }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not valid') });
    const otherMs = toPem(createSelfSignedCertificate(keys.privateKey, keys.publicKey, NOW - 1000, NOW + 1e9));
    expect(
      verifyWebhookSignature(body, headers, identity.certificatePem, { now: NOW, trustedIssuersPem: [otherMs] }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('trusted') });
    expect(
      verifyWebhookSignature(body, headers, identity.certificatePem, {
        now: NOW,
        trustedIssuersPem: [identity.certificatePem],
      }),
    ).toEqual({ ok: true });
    expect(verifyWebhookSignature(body, headers, 'not a certificate', { now: NOW })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
