import { AppError } from '../errors';

/** A record that cannot become a normalized event; the message says why, for the person who sent the file. */
export class IngestRecordError extends AppError {
  constructor(message: string) {
    super('INVALID_RECORD', message, 422);
    this.name = 'IngestRecordError';
  }
}
