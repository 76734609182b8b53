/**
 * Returns the normalised URL when `raw` is an absolute https URL to an allowed host, with no user
 * name, password or explicit port; otherwise undefined. Everything else (other schemes such as
 * `javascript:` or `http:`, other hosts, lookalikes such as `partner.microsoft.com.evil.test`,
 * relative or scheme-less text) is not a link. Never throws.
 */
export function toSafeHttpsUrl(raw: unknown, isAllowedHost: (hostname: string) => boolean): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '' || text.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  if (!isAllowedHost(url.hostname.toLowerCase())) return undefined;
  return url.href;
}

/** Partner Center's web UI host: referral links point at https://partner.microsoft.com/... */
export const PARTNER_CENTER_HOSTS: readonly string[] = ['partner.microsoft.com'];

export function isPartnerCenterHost(hostname: string): boolean {
  return PARTNER_CENTER_HOSTS.includes(hostname);
}

/** Power Automate's portal hosts, where a flow run can be opened (make.powerautomate.com, the legacy flow.microsoft.com). */
export function isPowerAutomateHost(hostname: string): boolean {
  return (
    hostname === 'flow.microsoft.com' || hostname === 'powerautomate.com' || hostname.endsWith('.powerautomate.com')
  );
}
