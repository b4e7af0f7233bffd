import { z } from 'zod';
import { ROLES } from '../auth/permissions';

export const roleSchema = z.enum(ROLES, { error: 'Choose one of the four roles.' });

export const MIN_PASSWORD_LENGTH = 12;

export const addPersonSchema = z.object({
  name: z.string().trim().min(1, 'Enter their name.').max(120, 'Keep the name under 120 characters.'),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  role: roleSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256, 'Use at most 256 characters.'),
});

export const personIdSchema = z.object({ humanId: z.string().min(1).max(64) });

export const changeRoleSchema = personIdSchema.extend({ role: roleSchema });

export const accountFilterSchema = z.object({
  q: z.string().trim().max(200).optional().default(''),
  access: z.enum(['all', 'enabled', 'disabled']).optional().default('all'),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export type AccountFilter = z.output<typeof accountFilterSchema>;
