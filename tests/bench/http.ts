/** Signing in and timing requests against a running Steward, the way a browser would. */

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/password`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const cookies = [...jar, ...cookiesFrom(response)];
  if (!cookies.some((cookie) => cookie.includes('session-token')))
    throw new Error(`Sign-in failed (${response.status})`);
  return cookies.join('; ');
}

export type Timing = {
  name: string;
  path: string;
  samples: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
};

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Times `samples` sequential requests after a few warm-ups; fails if any answer is not 200. */
export async function time(
  name: string,
  baseUrl: string,
  paths: string[],
  cookie: string,
  samples: number,
): Promise<Timing> {
  const get = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return performance.now() - started;
  };
  for (let index = 0; index < 5; index += 1) await get(paths[index % paths.length]);
  const durations: number[] = [];
  for (let index = 0; index < samples; index += 1) durations.push(await get(paths[index % paths.length]));
  const sorted = [...durations].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    name,
    path: paths[0],
    samples,
    medianMs: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}
