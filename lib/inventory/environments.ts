/** Production or not, from the many names environments go by. Unknown counts as neither. */
export function environmentClass(environment: string | null | undefined): 'production' | 'non-production' | 'unknown' {
  const name = (environment ?? '').trim().toLowerCase();
  if (!name || name === 'unknown') return 'unknown';
  return /^(prod|production|prd|live)([-_.].*)?$/.test(name) || /[-_.](prod|production|prd)$/.test(name)
    ? 'production'
    : 'non-production';
}
