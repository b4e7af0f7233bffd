/**
 * Where a callback URL may send a visitor: its path, query and fragment when it resolves to the app's own
 * origin, else the dashboard. The decision is the URL parser's, the same one a browser uses, so a backslash
 * (`/\evil.example`), a protocol-relative `//evil.example`, tabs or newlines the parser drops, or a
 * `javascript:` URL all resolve to another origin (or none) and are refused.
 */
export function sameOriginPath(callbackUrl: unknown, appOrigin: string): string {
  if (typeof callbackUrl !== 'string' || callbackUrl === '') return '/';
  const origin = new URL(appOrigin).origin;
  let url: URL;
  try {
    url = new URL(callbackUrl, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `http://app//evil.example` is same-origin, but its path alone would be read as protocol-relative.
  return path.startsWith('//') ? '/' : path;
}
