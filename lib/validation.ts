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

// C0 and C1 control characters; the multi-line form keeps tab, line feed and carriage return.
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text someone names or describes something with. Control characters (a NUL byte, an escape sequence) and lone
 * UTF-16 surrogates are refused with a clear message rather than stored, or silently replaced by U+FFFD, which
 * would make the same input differ from what was stored every time it is sent again.
 */
export function plainText(options: { multiline?: boolean } = {}) {
  const control = options.multiline ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS;
  return z
    .string()
    .refine((value) => !LONE_SURROGATE.test(value), 'Remove the broken character: the text is not valid Unicode.')
    .refine((value) => !control.test(value), 'Remove the control characters (such as a NUL byte).');
}
