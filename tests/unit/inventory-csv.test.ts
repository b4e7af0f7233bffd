import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../lib/inventory/export';
import { parseCsv } from '../../lib/inventory/csv';

describe('csvField', () => {
  it.each([
    ['plain text', 'payments-agent', 'payments-agent'],
    ['empty', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['a number', 42, '42'],
    ['a boolean', true, 'true'],
    ['a date, as ISO 8601', new Date('2026-11-22T06:00:00Z'), '2026-11-22T06:00:00.000Z'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote, doubled', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return inside', 'one\rtwo', '"one\rtwo"'],
    ['CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
  ])('%s', (_, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+', '+1-555-0100', "'+1-555-0100"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@cmd', "'@cmd"],
    ['tab', '\tvalue', "'\tvalue"],
    ['carriage return', '\rvalue', `"'\rvalue"`],
    ['= with a comma and quotes', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('neutralizes a formula that starts with %s', (_, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves a trigger character that is not first alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('payments-agent@prod')).toBe('payments-agent@prod');
  });
});

describe('csvRow', () => {
  it('joins fields with commas and ends the record with CRLF', () => {
    expect(csvRow(['id', 'name, with comma', null, 3])).toBe('id,"name, with comma",,3\r\n');
  });

  it('reads back as the same fields through an RFC 4180 parser (formula triggers aside)', () => {
    const safeText = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((text) => !/^[=+\-@\t\r]/.test(text));
    fc.assert(
      fc.property(fc.array(safeText, { minLength: 2, maxLength: 6 }), (fields) => {
        const [record] = parseCsv(csvRow(fields));
        expect(record.fields).toEqual(fields);
      }),
    );
  });
});
