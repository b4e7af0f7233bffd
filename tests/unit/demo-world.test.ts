import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, allCredentials, type World } from '../../lib/demo/world';

const NOW = new Date('2026-11-22T06:00:00Z');

describe('demo world', () => {
  let world: World;
  beforeAll(() => {
    world = buildWorld(20260401, NOW);
  });

  it('is the same for the same seed and now, and different for another seed', () => {
    const again = buildWorld(20260401, NOW);
    expect(again.people.all.map((person) => person.row)).toEqual(world.people.all.map((person) => person.row));
    expect(again.identities.all.map((identity) => identity.row)).toEqual(
      world.identities.all.map((identity) => identity.row),
    );
    expect(allCredentials(again)).toEqual(allCredentials(world));
    expect(again.scopes.requests).toEqual(world.scopes.requests);
    expect(again.apiKeys).toEqual(world.apiKeys);
    const other = buildWorld(7, NOW);
    expect(other.people.all.map((person) => person.row.name)).not.toEqual(
      world.people.all.map((person) => person.row.name),
    );
  });

  it('has the documented demo accounts and an organisation of about 60 people', () => {
    const { people } = world;
    expect(people.all.length).toBeGreaterThanOrEqual(60);
    expect(people.all.filter((person) => person.row.status === 'OFFBOARDED')).toHaveLength(6);
    const roles = Object.fromEntries(Object.values(people.demo).map((person) => [person.row.email, person.row.role]));
    expect(roles).toEqual({
      'admin@acme.example': 'ADMIN',
      'security@acme.example': 'SECURITY',
      'sponsor@acme.example': 'SPONSOR',
      'auditor@acme.example': 'AUDITOR',
    });
    expect(new Set(people.all.map((person) => person.row.email)).size).toBe(people.all.length);
    const ids = new Set(people.all.map((person) => person.row.id));
    expect(people.all.every((person) => person.row.managerId === null || ids.has(person.row.managerId))).toBe(true);
  });

  it('has at least 800 NHIs, unique by system and external id, with sponsors where they are required', () => {
    const nhis = world.identities.all.map((identity) => identity.row);
    expect(nhis.length).toBeGreaterThanOrEqual(800);
    expect(new Set(nhis.map((nhi) => `${nhi.system}|${nhi.externalId}`)).size).toBe(nhis.length);
    expect(nhis.filter((nhi) => nhi.kind === 'AI_AGENT').length).toBe(180);
    expect(nhis.filter((nhi) => nhi.status === 'DISCOVERED')).toHaveLength(40);
    expect(nhis.filter((nhi) => nhi.status === 'DISCOVERED' && nhi.sponsorId)).toHaveLength(0);
    expect(nhis.filter((nhi) => nhi.kind === 'AI_AGENT' && nhi.status !== 'DISCOVERED' && !nhi.sponsorId)).toHaveLength(
      0,
    );
    const sponsored = nhis.filter((nhi) => nhi.sponsorId === world.people.demo.sponsor.row.id);
    expect(sponsored.length).toBeGreaterThanOrEqual(20);
    expect(sponsored.filter((nhi) => nhi.kind === 'AI_AGENT').length).toBeGreaterThanOrEqual(8);
  });

  it('has at least 2,500 credentials with unique fingerprints, and 40 borrowed from people by AI agents', () => {
    const credentials = allCredentials(world);
    expect(credentials.length).toBeGreaterThanOrEqual(2_500);
    expect(new Set(credentials.map((credential) => credential.fingerprint)).size).toBe(credentials.length);
    const agents = new Set(
      world.identities.all.filter((identity) => identity.row.kind === 'AI_AGENT').map((identity) => identity.row.id),
    );
    const offboarded = new Set(
      world.people.all.filter((person) => person.row.status === 'OFFBOARDED').map((person) => person.row.id),
    );
    const borrowed = credentials.filter((credential) => credential.subjectHumanId);
    expect(borrowed).toHaveLength(40);
    expect(borrowed.every((credential) => credential.holderNhiId && agents.has(credential.holderNhiId))).toBe(true);
    expect(borrowed.some((credential) => offboarded.has(credential.subjectHumanId!))).toBe(true);
    expect(credentials.every((credential) => !credential.expiresAt || credential.expiresAt > credential.issuedAt)).toBe(
      true,
    );
  });

  it('has task scopes in every status, the demo sponsor has pending ones, and nobody approves their own request', () => {
    const { requests, approvals, taskTokens } = world.scopes;
    const countOf = (status: string) => requests.filter((request) => request.status === status).length;
    expect(
      Object.fromEntries(
        ['PENDING', 'APPROVED', 'DENIED', 'COMPLETED', 'EXPIRED', 'REVOKED'].map((status) => [status, countOf(status)]),
      ),
    ).toEqual({
      PENDING: 15,
      APPROVED: 30,
      DENIED: 10,
      COMPLETED: 60,
      EXPIRED: 40,
      REVOKED: 10,
    });
    const sponsorAgents = new Set(
      world.identities.all
        .filter((identity) => identity.row.sponsorId === world.people.demo.sponsor.row.id)
        .map((identity) => identity.row.id),
    );
    const pendingForSponsor = requests.filter(
      (request) => request.status === 'PENDING' && sponsorAgents.has(request.nhiId),
    );
    expect(pendingForSponsor.length).toBeGreaterThanOrEqual(5);
    const initiatorOf = new Map(requests.map((request) => [request.id, request.initiatorId]));
    expect(approvals.every((approval) => approval.approverId !== initiatorOf.get(approval.scopeRequestId))).toBe(true);
    const decided = requests.filter((request) => request.status !== 'PENDING');
    expect(decided.every((request) => approvals.some((approval) => approval.scopeRequestId === request.id))).toBe(true);
    expect(
      taskTokens.every(
        (token) => requests.find((request) => request.id === token.scopeRequestId)!.status !== 'PENDING',
      ),
    ).toBe(true);
  });
});
