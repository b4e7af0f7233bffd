import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../lib/inventory/csv';

function fieldsOf(text: string): string[][] {
  return parseCsv(text).map((record) => record.fields);
}

function syntaxErrorOf(text: string): CsvSyntaxError {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'empty fields',
      'a,,c\n,,',
      [
        ['a', '', 'c'],
        ['', '', ''],
      ],
    ],
    ['a comma inside quotes', '"Smith, Jane",x', [['Smith, Jane', 'x']]],
    ['doubled quotes', '"say ""hi""",""""', [['say "hi"', '"']]],
    ['an empty quoted field', '"",b', [['', 'b']]],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'lone CR line ends',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['an embedded newline', '"line one\nline two",x', [['line one\nline two', 'x']]],
    ['an embedded CRLF', '"one\r\ntwo"', [['one\r\ntwo']]],
    [
      'a byte order mark',
      '\uFEFFsystem,name\ngithub,bot',
      [
        ['system', 'name'],
        ['github', 'bot'],
      ],
    ],
    ['no trailing newline', 'a', [['a']]],
    ['spaces kept as they are', ' a , b ', [[' a ', ' b ']]],
  ])('reads %s', (_name, text, expected) => {
    expect(fieldsOf(text)).toEqual(expected);
  });

  it('skips empty lines and gives each record the line it starts on', () => {
    const records = parseCsv('h1,h2\r\n\r\n"multi\nline",x\n\nlast,row\n');
    expect(records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 3, fields: ['multi\nline', 'x'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF\r\n\n')).toEqual([]);
  });

  it('refuses an unterminated quote, naming the line where the field starts', () => {
    const error = syntaxErrorOf('a,b\n1,2\n3,"never\nclosed\n');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/line 3 never ends/);
  });

  it('refuses text after a closing quote and a quote inside an unquoted field', () => {
    expect(syntaxErrorOf('a,b\n"x"y,z').line).toBe(2);
    expect(syntaxErrorOf('a,b\n\nab"c,d').line).toBe(3);
  });

  it('reads back any table written with RFC 4180 quoting', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é') });
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((row) => row.map(quote).join(',')).join('\r\n');
        expect(fieldsOf(text)).toEqual(rows);
      }),
    );
  });
});
