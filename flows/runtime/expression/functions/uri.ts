import { def, expectString, fnError, type FunctionDef } from './types';

/** Default ports the .NET Uri class reports when the URI names none. */
const DEFAULT_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ftp: 21,
  ws: 80,
  wss: 443,
  ldap: 389,
  gopher: 70,
  nntp: 119,
  telnet: 23,
};

function parseUri(fn: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fnError(
      fn,
      `was invoked with a parameter that is not valid. The value '${text}' is not a valid absolute URI.`,
    );
  }
  return url;
}

export const URI_FUNCTIONS: FunctionDef[] = [
  def('uriHost', 1, 1, (args) => parseUri('uriHost', expectString('uriHost', args, 0)).hostname),
  def('uriPath', 1, 1, (args) => parseUri('uriPath', expectString('uriPath', args, 0)).pathname || '/'),
  def('uriPathAndQuery', 1, 1, (args) => {
    const u = parseUri('uriPathAndQuery', expectString('uriPathAndQuery', args, 0));
    return `${u.pathname || '/'}${u.search}`;
  }),
  def('uriPort', 1, 1, (args) => {
    const u = parseUri('uriPort', expectString('uriPort', args, 0));
    if (u.port !== '') return Number(u.port);
    const scheme = u.protocol.replace(/:$/, '').toLowerCase();
    return DEFAULT_PORTS[scheme] ?? -1;
  }),
  def('uriQuery', 1, 1, (args) => parseUri('uriQuery', expectString('uriQuery', args, 0)).search),
  def('uriScheme', 1, 1, (args) =>
    parseUri('uriScheme', expectString('uriScheme', args, 0)).protocol.replace(/:$/, ''),
  ),
];
