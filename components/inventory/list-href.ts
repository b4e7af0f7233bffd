/** A list page's address with the given URL state (empty values left out). */
export function listHref(basePath: string, params: Record<string, string>): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
  return query ? `${basePath}?${query}` : basePath;
}
