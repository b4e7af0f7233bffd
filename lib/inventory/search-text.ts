/** The lowercased text that search matches, stored beside each row: the same behaviour on SQLite and PostgreSQL. */

function join(parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .toLowerCase();
}

export function nhiSearchText(nhi: {
  name: string;
  externalId: string;
  system: string;
  description?: string | null;
}): string {
  return join([nhi.name, nhi.externalId, nhi.system, nhi.description]);
}

export function credentialSearchText(credential: { name: string; system: string; fingerprint: string }): string {
  return join([credential.name, credential.system, credential.fingerprint]);
}

export function humanSearchText(human: { name: string; email: string }): string {
  return join([human.name, human.email]);
}

/** The key lists sort names by: lowercased, so that case does not decide the order on either database. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Normalizes what someone typed into a search box for a `contains` match against search text. */
export function searchTerm(query: string): string {
  return query.trim().toLowerCase();
}
