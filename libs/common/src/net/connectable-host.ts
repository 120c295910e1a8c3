/** Where a client on this machine reaches an app listening on `host`: a wildcard address means loopback. */
export function connectableHost(host: string | undefined): string {
  const value = host?.trim().replace(/^\[(.*)\]$/, '$1');
  if (!value || value === '0.0.0.0' || value === '::') return '127.0.0.1';
  return value;
}

/** A host as it goes into a URL: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
