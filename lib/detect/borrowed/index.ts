export { clientClassifier, DEFAULT_CLIENT_RULES } from './clients';
export { credentialKeyOf } from './collect';
export { CONFIDENCE_SCORES, detectBorrowedCredentials } from './detect';
export { THRESHOLDS, WEIGHTS } from './signals';
export type * from './types';
