import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { isSameOrigin } from '@/lib/adapters/origin';

const PUBLIC_PAGES = ['/signin', '/no-access'];

/** A server action posted from another site is refused here, as a 403, instead of failing inside Next as a 500. */
function refuseForeignServerAction(request: NextRequest): NextResponse | null {
  if (!request.headers.has('next-action') || request.headers.get('origin') === null) return null;
  if (isSameOrigin(request)) return null;
  return new NextResponse('This action may only be sent from Steward’s own pages.', {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/**
 * Refuses cross-site server actions and sends signed-out visitors to the sign-in page. It is a convenience,
 * never the permission check: every page, action and route reads the person and their role from the database.
 */
export async function proxy(request: NextRequest) {
  const refusal = refuseForeignServerAction(request);
  if (refusal) return refusal;
  const { pathname } = request.nextUrl;
  if (PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`))) return NextResponse.next();
  const token = await getToken({ req: request });
  if (token?.humanId) return NextResponse.next();
  const signIn = new URL('/signin', request.url);
  signIn.searchParams.set('callbackUrl', `${pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Machine endpoints (api/, AuthZEN's access/ and .well-known/) answer for themselves.
  // The log upload checks the session and the origin itself: Next would pass only the first 10 MB of its body on.
  matcher: ['/((?!api/|access/|\\.well-known/|_next/|favicon.ico|icon.svg|screenshots/|borrowed/import/upload).*)'],
};
