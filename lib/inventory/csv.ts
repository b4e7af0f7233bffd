/**
 * A small RFC 4180 CSV parser: comma-separated fields, fields in double quotes may hold commas, line breaks
 * and doubled quotes (""), records end at CRLF, LF or CR, and a leading byte order mark is ignored. Each
 * record carries the line it starts on, so every problem can be reported where a person will look for it.
 * Pure: no I/O.
 */

export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = '"';
const COMMA = ',';
const CR = '\r';
const LF = '\n';

type Cursor = { text: string; at: number; line: number };

function isLineBreak(char: string): boolean {
  return char === CR || char === LF;
}

/** Steps over one line break (CRLF counts as one) and counts the line. */
function skipLineBreak(cursor: Cursor): void {
  if (cursor.text[cursor.at] === CR && cursor.text[cursor.at + 1] === LF) cursor.at += 1;
  cursor.at += 1;
  cursor.line += 1;
}

function readQuotedField(cursor: Cursor): string {
  const startLine = cursor.line;
  let value = '';
  cursor.at += 1;
  for (;;) {
    const close = cursor.text.indexOf(QUOTE, cursor.at);
    if (close === -1)
      throw new CsvSyntaxError(startLine, `The quoted field that starts on line ${startLine} never ends.`);
    const chunk = cursor.text.slice(cursor.at, close);
    cursor.line += chunk.match(/\r\n|\r|\n/g)?.length ?? 0;
    value += chunk;
    cursor.at = close + 1;
    if (cursor.text[cursor.at] !== QUOTE) break;
    value += QUOTE;
    cursor.at += 1;
  }
  const next = cursor.text[cursor.at];
  if (next !== undefined && next !== COMMA && !isLineBreak(next))
    throw new CsvSyntaxError(cursor.line, `Line ${cursor.line} has text after a closing quote.`);
  return value;
}

function readPlainField(cursor: Cursor): string {
  const start = cursor.at;
  while (cursor.at < cursor.text.length) {
    const char = cursor.text[cursor.at];
    if (char === COMMA || isLineBreak(char)) break;
    if (char === QUOTE)
      throw new CsvSyntaxError(
        cursor.line,
        `Line ${cursor.line} has a quote inside an unquoted field: quote the whole field and double the quote ("").`,
      );
    cursor.at += 1;
  }
  return cursor.text.slice(start, cursor.at);
}

function readRecord(cursor: Cursor): string[] {
  const fields: string[] = [];
  for (;;) {
    fields.push(cursor.text[cursor.at] === QUOTE ? readQuotedField(cursor) : readPlainField(cursor));
    if (cursor.text[cursor.at] !== COMMA) return fields;
    cursor.at += 1;
  }
}

/** Parses CSV text into records; empty lines are skipped. Throws CsvSyntaxError with the line at fault. */
export function parseCsv(text: string): CsvRecord[] {
  const cursor: Cursor = { text: text.startsWith('\uFEFF') ? text.slice(1) : text, at: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (cursor.at < cursor.text.length) {
    if (isLineBreak(cursor.text[cursor.at])) {
      skipLineBreak(cursor);
      continue;
    }
    const line = cursor.line;
    records.push({ line, fields: readRecord(cursor) });
    if (cursor.at < cursor.text.length) skipLineBreak(cursor);
  }
  return records;
}
