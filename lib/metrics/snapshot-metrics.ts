/** The names under which governance figures are recorded in governance_snapshots, one row per day. */
export const ORPHANED_METRIC = 'orphaned_nhis';
