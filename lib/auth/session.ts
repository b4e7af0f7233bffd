import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '../db';
import { authOptions } from './options';
import { can, type HumanActor } from './actor';
import type { Permission } from './permissions';
import { mayUseDashboard } from './sign-in';

export type SessionState = { state: 'signed-out' } | { state: 'no-access' } | { state: 'active'; actor: HumanActor };

/**
 * The signed-in person as the database says they are now, once per request: a role change or an
 * offboarding applies on their next request, whatever their session cookie says.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(authOptions());
  const humanId = session?.user?.id;
  if (!humanId) return { state: 'signed-out' };
  const db = await getDb();
  const human = await db.human.findUnique({
    where: { id: humanId },
    select: { id: true, email: true, name: true, role: true, status: true, signInDisabledAt: true },
  });
  if (!human || !mayUseDashboard(human)) return { state: 'no-access' };
  return {
    state: 'active',
    actor: { kind: 'human', humanId: human.id, email: human.email, name: human.name, role: human.role },
  };
});

export async function getCurrentActor(): Promise<HumanActor | null> {
  const session = await getSessionState();
  return session.state === 'active' ? session.actor : null;
}

/** For pages: the actor, or a redirect to sign-in (or to the no-access page when access was taken away). */
export async function requireActor(): Promise<HumanActor> {
  const session = await getSessionState();
  if (session.state === 'signed-out') redirect('/signin');
  if (session.state === 'no-access') redirect('/no-access');
  return session.actor;
}

/** For pages: the actor if their role has the permission, else Next's 403 page. */
export async function requirePagePermission(permission: Permission): Promise<HumanActor> {
  const actor = await requireActor();
  if (!can(actor, permission)) forbidden();
  return actor;
}
