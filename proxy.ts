import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';

/**
 * Sends signed-out visitors to the sign-in page. It is a convenience, never the permission check: every
 * page, action and route reads the person and their role from the database itself.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request });
  if (token?.humanId) return NextResponse.next();
  const signIn = new URL('/signin', request.url);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|icon.svg|screenshots/|signin|no-access).*)'],
};
