import { z } from 'zod';

export const MAX_CONTEXT_BYTES = 4096;

/** `POST /api/v1/authorize`: what the agent is about to do. */
export const authorizeSchema = z.object({
  action: z.string({ error: 'Give the action as system:verb.' }).trim().min(1, 'Give the action.').max(200),
  resource: z.string({ error: 'Give the resource.' }).trim().min(1, 'Give the resource.').max(1000),
  context: z
    .record(z.string(), z.unknown(), { error: 'Give the context as a JSON object.' })
    .refine((context) => Buffer.byteLength(JSON.stringify(context)) <= MAX_CONTEXT_BYTES, {
      message: `Keep the context under ${MAX_CONTEXT_BYTES} bytes: it is recorded with the decision.`,
    })
    .optional(),
});
