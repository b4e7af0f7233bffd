import 'server-only';
import type { z } from 'zod';
import { transaction, type Tx } from './db';
import {
  appendAuditEvents,
  lockChainHead,
  stewardEvent,
  type AuditEventInput,
  type Performer,
  type Principal,
} from './audit/append';
import type { StewardAction } from './audit/actions';
import type { AuditDetails } from './audit/details';
import {
  humanPrincipal,
  requireHuman,
  requirePermission,
  type Actor,
  type HumanActor,
  type KeyActor,
} from './auth/actor';
import { recordKeyUse } from './auth/api-keys';
import type { KeyPermission, Permission } from './auth/permissions';
import { forbidden } from './errors';
import { parseInput } from './validation';

/**
 * The one way to write a use case that changes state: the actor's permission is checked, the input parsed,
 * then one transaction runs the change and appends the audit events it recorded, so both commit or neither.
 * A refused or invalid request never reaches the transaction, so it writes nothing.
 */

/** Who asked and what acted, when they are not the actor itself (an agent acting for the person who asked). */
export type EventParties = Partial<
  Pick<AuditEventInput, 'initiator' | 'executor' | 'attribution' | 'credential' | 'scopeId' | 'outcome'>
>;

export type UseCaseContext<P> = {
  tx: Tx;
  actor: P;
  /** Records an audit event, appended to the chain in this transaction when the work succeeds. */
  audit<A extends StewardAction>(
    action: A,
    resource: string | null,
    details: AuditDetails[A],
    parties?: EventParties,
  ): void;
};

async function runAudited<P, T>(
  actor: P,
  performer: Performer,
  work: (context: UseCaseContext<P>) => Promise<T>,
  afterWork?: (tx: Tx) => Promise<void>,
): Promise<T> {
  return transaction(async (tx) => {
    // The chain's lock first, as runtime decisions take it: one lock order, so no deadlock between them.
    await lockChainHead(tx);
    const notes: AuditEventInput[] = [];
    const result = await work({
      tx,
      actor,
      audit: (action, resource, details, parties) =>
        notes.push({ ...stewardEvent(performer, action, resource, details), ...parties }),
    });
    await afterWork?.(tx);
    await appendAuditEvents(tx, notes);
    return result;
  });
}

export function keyPrincipal(key: KeyActor): Principal {
  return { type: 'SYSTEM', id: key.keyId, label: `api-key:${key.keyName}` };
}

type UseCaseDefinition<S extends z.ZodType, P extends string, A, T> = {
  permission: P;
  input: S;
  run: (context: UseCaseContext<A>, fields: z.output<S>) => Promise<T>;
};

/** A change a person makes in the dashboard: they both ask and act. */
export function personUseCase<S extends z.ZodType, T>(definition: UseCaseDefinition<S, Permission, HumanActor, T>) {
  return async (actor: Actor, input: unknown): Promise<T> => {
    const person = requireHuman(actor, definition.permission);
    const fields = parseInput(definition.input, input);
    return runAudited(person, { principal: humanPrincipal(person), attribution: 'HUMAN' }, (context) =>
      definition.run(context, fields),
    );
  };
}

/** A change a machine makes with one of its API keys; the key's last use is recorded only when it succeeds. */
export function keyUseCase<S extends z.ZodType, T>(definition: UseCaseDefinition<S, KeyPermission, KeyActor, T>) {
  return async (actor: Actor, input: unknown): Promise<T> => {
    if (actor.kind !== 'key') throw forbidden('This needs an API key.');
    requirePermission(actor, definition.permission);
    const fields = parseInput(definition.input, input);
    return runAudited(
      actor,
      { principal: keyPrincipal(actor), attribution: 'AGENT_AUTONOMOUS' },
      (context) => definition.run(context, fields),
      (tx) => recordKeyUse(tx, actor),
    );
  };
}

/** Work that Steward does by itself on a schedule (e.g. nightly recomputation), in one audited transaction. */
export function systemJob<T>(label: string, work: (context: UseCaseContext<Principal>) => Promise<T>): Promise<T> {
  const principal: Principal = { type: 'SYSTEM', label };
  return runAudited(principal, { principal, attribution: 'AGENT_AUTONOMOUS' }, work);
}
