/** An expected failure: its code and message are safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function forbidden(message = 'You are not allowed to do this.'): AppError {
  return new AppError('FORBIDDEN', message, 403);
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found.`, 404);
}

export function conflict(message: string): AppError {
  return new AppError('CONFLICT', message, 409);
}

/** Field errors as zod reports them, keyed by field path. */
export type FieldErrors = Record<string, string[]>;

/** One field's error: 422 for invalid content, 409 for a conflict with what already exists. */
export function fieldError(field: string, message: string, status: 422 | 409 = 422): AppError {
  return new AppError(status === 409 ? 'CONFLICT' : 'INVALID_INPUT', message, status, {
    fieldErrors: { [field]: [message] },
  });
}

export function invalidInput(fieldErrors: FieldErrors, message = 'Some fields need attention.'): AppError {
  return new AppError('INVALID_INPUT', message, 422, { fieldErrors });
}

/**
 * A unique constraint that fired after the use case had checked for duplicates: two people or machines made
 * the same thing at the same moment. Nothing was written; trying again gives the clear answer.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

export function concurrentChange(): AppError {
  return new AppError(
    'CONFLICT',
    'Someone else changed the same thing at the same moment. Nothing was saved; try again.',
    409,
  );
}
