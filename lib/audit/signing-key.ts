import 'server-only';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databaseUrl } from '../db/flavor';
import { publicKeyId, type SignedCheckpoint } from './checkpoint-signature';

/**
 * The checkpoint signing key, kept outside the database so that whoever can rewrite the database cannot sign:
 * the PKCS#8 PEM text in STEWARD_CHECKPOINT_KEY, or else the file at STEWARD_CHECKPOINT_KEY_FILE (by default
 * `.steward/checkpoint-key.pem` under the working directory), made on first use.
 */

export type SigningKey = { privateKey: KeyObject; publicKeyPem: string; keyId: string };

const DEFAULT_KEY_FILE = join('.steward', 'checkpoint-key.pem');
const REMEMBERED_FILE = 'latest-checkpoint.json';

export function checkpointKeyFile(): string {
  return resolve(process.env.STEWARD_CHECKPOINT_KEY_FILE || DEFAULT_KEY_FILE);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function isTaken(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

/** Reads the key file, or writes a new key there: exclusively, so two processes starting at once agree on one key. */
function privateKeyPemFromFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (error) {
    if (isTaken(error)) return readFileSync(file, 'utf8');
    throw error;
  }
}

const loaded = new Map<string, SigningKey>();

function toSigningKey(pem: string, origin: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`The checkpoint key in ${origin} is not Ed25519.`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    keyId: publicKeyId(publicKey),
  };
}

function loadSigningKey(create: boolean): SigningKey | null {
  const fromEnv = process.env.STEWARD_CHECKPOINT_KEY;
  const origin = fromEnv ? 'STEWARD_CHECKPOINT_KEY' : checkpointKeyFile();
  const cached = loaded.get(origin);
  if (cached) return cached;
  let pem: string;
  if (fromEnv) {
    // An environment variable often carries the PEM's line breaks as `\n`.
    pem = fromEnv.replaceAll('\\n', '\n');
  } else if (create) {
    pem = privateKeyPemFromFile(origin);
  } else if (existsSync(origin)) {
    pem = readFileSync(origin, 'utf8');
  } else {
    return null;
  }
  const key = toSigningKey(pem, origin);
  loaded.set(origin, key);
  return key;
}

/** The key pair that signs checkpoints: from the environment, or the key file (made on first use). */
export function checkpointSigningKey(): SigningKey {
  return loadSigningKey(true) as SigningKey;
}

/** The key pair if there is one already: verification never makes a key, which would hide that the key was lost. */
export function existingSigningKey(): SigningKey | null {
  return loadSigningKey(false);
}

/**
 * Beside the key, the newest checkpoint known to have committed, per database: a rewrite of the database that
 * also removes every checkpoint row and event is still measured against it. Keyed by the database's address
 * without credentials, so one working directory can serve several databases.
 */
type RememberedFile = { version: 1; databases: Record<string, SignedCheckpoint> };

function rememberedFile(): string {
  return join(dirname(checkpointKeyFile()), REMEMBERED_FILE);
}

function databaseKey(): string {
  const url = databaseUrl();
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function readRememberedFile(): RememberedFile {
  try {
    const parsed = JSON.parse(readFileSync(rememberedFile(), 'utf8')) as Partial<RememberedFile>;
    return { version: 1, databases: parsed.databases ?? {} };
  } catch (error) {
    if (isMissing(error)) return { version: 1, databases: {} };
    throw error;
  }
}

/** The newest checkpoint remembered for the configured database, if any. */
export function rememberedCheckpoint(): SignedCheckpoint | null {
  return readRememberedFile().databases[databaseKey()] ?? null;
}

/** Remembers a committed checkpoint for the configured database, unless a newer one is remembered already. */
export function rememberCheckpoint(checkpoint: SignedCheckpoint): void {
  const file = rememberedFile();
  const contents = readRememberedFile();
  const key = databaseKey();
  const current = contents.databases[key];
  if (current && current.seq >= checkpoint.seq) return;
  contents.databases[key] = checkpoint;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
