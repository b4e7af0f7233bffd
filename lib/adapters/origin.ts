/** The host the browser asked for; behind a reverse proxy, the one it forwarded. */
export function requestedHost(request: Request): string | null {
  return request.headers.get('x-forwarded-host') ?? request.headers.get('host');
}

/** Whether the request's Origin is this site: "null", garbage or another host is not. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  try {
    return new URL(origin).host === requestedHost(request);
  } catch {
    return false;
  }
}
