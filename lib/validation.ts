import { z } from 'zod';
import { invalidInput } from './errors';

/** Parses untrusted input with a use case's schema; a failure becomes a 422 with the fields to fix. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const fieldErrors: Record<string, string[]> = { ...(flat.fieldErrors as Record<string, string[]>) };
  if (flat.formErrors.length > 0) fieldErrors._form = flat.formErrors;
  throw invalidInput(fieldErrors);
}
