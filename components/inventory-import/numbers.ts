export function count(value: number): string {
  return value.toLocaleString('en');
}

export function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/** "1 identity", "3 identities": the noun's plural is given, English being what it is. */
export function counted(value: number, singular: string, plural: string): string {
  return `${count(value)} ${value === 1 ? singular : plural}`;
}
