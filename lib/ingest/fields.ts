import { isIP } from 'node:net';
import { IngestRecordError } from './errors';

/** Typed reads from parsed JSON: a field of the wrong type is a rejection that names the field, never a crash. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `a ${typeof value}`;
}

/** The record itself: a JSON object, or a rejection that says what it was instead. */
export function recordFields(record: unknown, what: string): Fields {
  if (!isJsonObject(record))
    throw new IngestRecordError(`A ${what} record must be a JSON object, not ${describeJson(record)}.`);
  return new Fields(record);
}

export class Fields {
  constructor(
    readonly value: JsonObject,
    readonly path = '',
  ) {}

  pathOf(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string): boolean {
    const found = this.value[key];
    return found !== undefined && found !== null;
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  private wrongType(key: string, expected: string): IngestRecordError {
    return new IngestRecordError(`${this.pathOf(key)} must be ${expected}, not ${describeJson(this.value[key])}.`);
  }

  /** A nested object; missing or null is null. */
  object(key: string): Fields | null {
    const found = this.value[key];
    if (found === undefined || found === null) return null;
    if (!isJsonObject(found)) throw this.wrongType(key, 'an object');
    return new Fields(found, this.pathOf(key));
  }

  /** A nested object, also when the source wrote it as JSON text (as Log Analytics writes dynamic columns). */
  objectOrJsonText(key: string): Fields | null {
    const found = this.value[key];
    if (typeof found !== 'string') return this.object(key);
    let parsed: unknown;
    try {
      parsed = JSON.parse(found);
    } catch {
      throw this.wrongType(key, 'an object or JSON text of one');
    }
    if (parsed === null) return null;
    if (!isJsonObject(parsed)) throw this.wrongType(key, 'an object or JSON text of one');
    return new Fields(parsed, this.pathOf(key));
  }

  /** A string; missing, null or blank is null. */
  string(key: string): string | null {
    const found = this.value[key];
    if (found === undefined || found === null) return null;
    if (typeof found !== 'string') throw this.wrongType(key, 'a string');
    const trimmed = found.trim();
    return trimmed === '' ? null : trimmed;
  }

  requiredString(key: string, missing?: string): string {
    const found = this.string(key);
    if (found === null) throw new IngestRecordError(missing ?? `The record has no ${this.pathOf(key)}.`);
    return found;
  }

  /** An identifier given as a string or an integer; `zeroIsNone` for sources that write 0 for "no such thing". */
  id(key: string, zeroIsNone = false): string | null {
    const found = this.value[key];
    if (typeof found === 'number') {
      if (!Number.isSafeInteger(found)) throw this.wrongType(key, 'a string or an integer');
      return zeroIsNone && found === 0 ? null : String(found);
    }
    const text = this.string(key);
    return zeroIsNone && text === '0' ? null : text;
  }

  /** true/false, also written as the strings "true"/"false" (CloudTrail's mfaAuthenticated). */
  boolean(key: string): boolean | null {
    const found = this.value[key];
    if (found === undefined || found === null) return null;
    if (typeof found === 'boolean') return found;
    if (typeof found === 'string') {
      const lowered = found.trim().toLowerCase();
      if (lowered === 'true') return true;
      if (lowered === 'false') return false;
      if (lowered === '') return null;
    }
    throw this.wrongType(key, 'true or false');
  }

  number(key: string): number | null {
    const found = this.value[key];
    if (found === undefined || found === null) return null;
    if (typeof found === 'number' && Number.isFinite(found)) return found;
    if (typeof found === 'string' && /^-?\d+$/.test(found.trim())) return Number(found);
    throw this.wrongType(key, 'a number');
  }

  /** An array of objects; missing or null is empty. Elements that are null are skipped. */
  objects(key: string): Fields[] {
    const found = this.value[key];
    if (found === undefined || found === null) return [];
    if (!Array.isArray(found)) throw this.wrongType(key, 'an array');
    return found.flatMap((element, index) => {
      if (element === null) return [];
      if (!isJsonObject(element)) {
        throw new IngestRecordError(`${this.pathOf(key)}[${index}] must be an object, not ${describeJson(element)}.`);
      }
      return [new Fields(element, `${this.pathOf(key)}[${index}]`)];
    });
  }

  /** An array of strings, or one string standing alone; blanks dropped. */
  strings(key: string): string[] {
    const found = this.value[key];
    if (found === undefined || found === null) return [];
    const list = Array.isArray(found) ? found : [found];
    return list.flatMap((element) => {
      if (typeof element !== 'string') throw this.wrongType(key, 'a list of strings');
      const trimmed = element.trim();
      return trimmed === '' ? [] : [trimmed];
    });
  }

  /** A required time: an ISO 8601 string or epoch milliseconds. */
  time(key: string): Date {
    const found = this.value[key];
    if (found === undefined || found === null || found === '') {
      throw new IngestRecordError(`The record has no time (${this.pathOf(key)}).`);
    }
    const parsed = parseTime(found);
    if (!parsed) {
      throw new IngestRecordError(
        `${this.pathOf(key)} is not a time: expected an ISO 8601 date-time or epoch milliseconds, got ${describeJson(found)}.`,
      );
    }
    return parsed;
  }
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Parses ISO 8601 date-times ourselves rather than with Date.parse, whose leniency differs between engines:
 * any number of fraction digits (Entra writes 7, GCP 9) is cut to milliseconds, and a time without an offset
 * is UTC, as every vendor here documents. `requireOffset` refuses a time without one.
 */
export function parseIsoTime(text: string, requireOffset = false): Date | null {
  const match = ISO_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset] = match;
  if (requireOffset && !offset) return null;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), Number(fraction.slice(0, 3).padEnd(3, '0')));
  if (new Date(local).getUTCDate() !== d) return null;
  const ms = local - offsetMinutes(offset) * 60_000;
  return ms >= 0 && ms <= LATEST_MS ? new Date(ms) : null;
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z' || offset === 'z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}

function parseTime(value: unknown): Date | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 && value <= LATEST_MS ? new Date(Math.trunc(value)) : null;
  }
  return typeof value === 'string' ? parseIsoTime(value) : null;
}

/** An IP address, or null for what sources write instead ("AWS Internal", "ec2.amazonaws.com", "private"). */
export function ipOrNull(value: string | null): string | null {
  if (!value) return null;
  return isIP(value) ? value : null;
}

export function looksLikeEmail(value: string | null): value is string {
  return value !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
