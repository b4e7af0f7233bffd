import type { Human } from '../db/generated/sqlite/client';
import { humanSearchText, nameKey } from '../inventory/search-text';
import { DEMO_ACCOUNTS, EMAIL_DOMAIN, NAME_POOLS, OFFBOARDED_SEATS, SEATS, type Domain, type Seat } from './catalog';
import { DAY_MS, type Random } from './random';

export type Person = { row: Human; seat: Seat };

export type People = {
  all: Person[];
  byEmail: Map<string, Person>;
  demo: Record<(typeof DEMO_ACCOUNTS)[number]['key'], Person>;
  /** The accountable sponsor of each domain. */
  sponsorOf: Record<Domain, Person>;
};

const LETTERS_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = { ł: 'l', ı: 'i', ø: 'o', ß: 'ss' };

/** "Zofia Wiśniewska" → "zofia.wisniewska". */
function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łıøß]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter])
    .replace(/[^a-z]+/g, '.');
}

function uniqueNames(random: Random, count: number): string[] {
  const taken = new Set<string>(DEMO_ACCOUNTS.map((account) => account.name));
  const names: string[] = [];
  while (names.length < count) {
    const pool = random.pick(NAME_POOLS);
    const name = `${random.pick(pool.first)} ${random.pick(pool.last)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    names.push(name);
  }
  return names;
}

function personForSeat(seat: Seat, name: string, managerId: string | null, random: Random, now: Date): Human {
  const demoAccount = DEMO_ACCOUNTS.find((account) => account.key === seat.demoAccount);
  const offboardedDaysAgo = OFFBOARDED_SEATS[seat.seat];
  const offboardedAt =
    offboardedDaysAgo === undefined
      ? null
      : new Date(now.getTime() - offboardedDaysAgo * DAY_MS - random.int(9, 17) * 3_600_000);
  const createdAt = random.daysBefore(now, (offboardedDaysAgo ?? 0) + 120, 1_900);
  const role = demoAccount?.role ?? (seat.sponsors && !offboardedAt ? 'SPONSOR' : null);
  const email = demoAccount?.email ?? `${emailLocalPart(name)}@${EMAIL_DOMAIN}`;
  const fullName = demoAccount?.name ?? name;
  return {
    id: random.id(),
    email,
    name: fullName,
    searchText: humanSearchText({ name: fullName, email }),
    nameKey: nameKey(fullName),
    title: seat.title,
    department: seat.department,
    status: offboardedAt ? 'OFFBOARDED' : 'ACTIVE',
    role,
    passwordHash: null,
    signInDisabledAt: offboardedAt,
    lastSignInAt: null,
    oidcIssuer: null,
    oidcSubject: null,
    offboardedAt,
    managerId,
    createdAt,
    updatedAt: offboardedAt ?? createdAt,
  };
}

/** The organisation chart filled with people; managers come before their reports. */
export function generatePeople(random: Random, now: Date): People {
  const names = uniqueNames(random, SEATS.length);
  const idBySeat = new Map<string, string>();
  const all = SEATS.map((seat, index) => {
    const managerId = seat.reportsTo ? (idBySeat.get(seat.reportsTo) ?? null) : null;
    const row = personForSeat(seat, names[index], managerId, random, now);
    idBySeat.set(seat.seat, row.id);
    return { row, seat };
  });
  const byEmail = new Map(all.map((person) => [person.row.email, person]));
  const demoPerson = (key: (typeof DEMO_ACCOUNTS)[number]['key']) =>
    all.find((person) => person.seat.demoAccount === key)!;
  const demo = {
    admin: demoPerson('admin'),
    security: demoPerson('security'),
    sponsor: demoPerson('sponsor'),
    auditor: demoPerson('auditor'),
  };
  const sponsorFor = (domain: Domain) => all.find((person) => person.seat.sponsors === domain)!;
  const sponsorOf: Record<Domain, Person> = {
    devprod: demo.sponsor,
    sre: sponsorFor('sre'),
    payments: sponsorFor('payments'),
    data: sponsorFor('data'),
    ml: sponsorFor('ml'),
    support: sponsorFor('support'),
    revops: sponsorFor('revops'),
    it: sponsorFor('it'),
  };
  return { all, byEmail, demo, sponsorOf };
}

export function isActiveAt(person: Person, at: Date): boolean {
  return !person.row.offboardedAt || person.row.offboardedAt > at;
}
