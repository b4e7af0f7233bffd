import { flavorOf } from '../../lib/db/flavor';

export function testFlavor() {
  return flavorOf(process.env.DATABASE_URL ?? '');
}

/** SQL that switches the append-only triggers off, so a test can play an attacker with database access. */
export function disableAuditTriggersSql(): string[] {
  return testFlavor() === 'sqlite'
    ? ['DROP TRIGGER "audit_events_refuse_update"', 'DROP TRIGGER "audit_events_refuse_delete"']
    : ['ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_refuse_update_delete"'];
}
