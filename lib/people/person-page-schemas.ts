import { pageSchema } from '../inventory/schemas';
import { personIdSchema } from './schemas';

/** A person's page: which page of the NHIs they sponsor it shows (`?page=` in its address). */
export const sponsoredNhisSchema = personIdSchema.extend({ page: pageSchema });
