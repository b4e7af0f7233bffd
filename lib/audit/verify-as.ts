import 'server-only';
import { requirePermission, type Actor } from '../auth/actor';
import { verifyAuditChain } from './verify';

/** Verifies the whole chain for an auditor (or any reader of the trail). Reading only: nothing is written. */
export async function verifyChainFor(actor: Actor) {
  requirePermission(actor, 'audit.verify');
  return verifyAuditChain();
}
