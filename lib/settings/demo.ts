import 'server-only';
import { getDb } from '../db';

/** Demo mode is a fact of the database: the demo seeder sets it, and only then do demo accounts exist. */
export async function isDemoMode(): Promise<boolean> {
  const db = await getDb();
  const setting = await db.setting.findUnique({ where: { key: 'demo' } });
  return setting?.value === 'true';
}
