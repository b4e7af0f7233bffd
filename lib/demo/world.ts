import type { ApiKey, Credential } from '../db/generated/sqlite/client';
import { generateApiKeys } from './access';
import { createCredentialContext, generateCredentials, type CredentialSet } from './credentials';
import { generateIdentities, type Identities } from './identities';
import { generatePeople, type People } from './people';
import { Random } from './random';
import { generateScopes, type Scopes } from './scopes';

/** The whole demo organisation, before the audit trail: pure data, the same for the same seed and `now`. */
export type World = {
  seed: number;
  now: Date;
  people: People;
  identities: Identities;
  credentials: CredentialSet;
  scopes: Scopes;
  apiKeys: ApiKey[];
};

export function buildWorld(seed: number, now: Date): World {
  const root = new Random(seed);
  const people = generatePeople(root.fork('people'), now);
  const identities = generateIdentities(root.fork('identities'), now, people);
  const credentialContext = createCredentialContext(root.fork('credentials'), now, people);
  const credentials = generateCredentials(credentialContext, identities);
  const scopes = generateScopes(root.fork('scopes'), now, people, identities, credentialContext.fingerprints);
  const apiKeys = generateApiKeys(root.fork('api-keys'), now, seed, people, identities.demoAgent);
  return { seed, now, people, identities, credentials, scopes, apiKeys };
}

/** Every credential row: the inventory's and the task tokens'. */
export function allCredentials(world: World): Credential[] {
  return [...world.credentials.all, ...world.scopes.tokenCredentials];
}
