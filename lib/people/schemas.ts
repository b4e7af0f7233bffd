import { z } from 'zod';
import { ROLES } from '../auth/permissions';
import { plainText } from '../validation';
import { pageSchema, searchSchema } from '../inventory/schemas';

export const roleSchema = z.enum(ROLES, { error: 'Choose one of the four roles.' });

export const MIN_PASSWORD_LENGTH = 12;

export const addPersonSchema = z.object({
  name: plainText().trim().min(1, 'Enter their name.').max(120, 'Keep the name under 120 characters.'),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  role: roleSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256, 'Use at most 256 characters.'),
});

export const personIdSchema = z.object({ humanId: z.string().min(1).max(64) });

export const changeRoleSchema = personIdSchema.extend({ role: roleSchema });

export const ACCOUNT_ACCESS_FILTERS = ['all', 'enabled', 'disabled'] as const;

/** A blank access (the select's "All accounts") means every account. */
const accessFilterSchema = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.enum(ACCOUNT_ACCESS_FILTERS).default('all'),
);

export const accountFilterSchema = z.object({ q: searchSchema, access: accessFilterSchema, page: pageSchema });

export type AccountFilter = z.output<typeof accountFilterSchema>;
