import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../lib/validation';

describe('plain text in names and descriptions', () => {
  const oneLine = plainText();
  const multiline = plainText({ multiline: true });

  it('refuses control characters with a clear message', () => {
    for (const text of ['agent\u0000', 'a\u001b[31mred', 'tab\there', 'line\nbreak', 'del\u007f', 'c1\u0085']) {
      const result = oneLine.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/control characters/);
    }
  });

  it('keeps line breaks and tabs in multi-line text, never a NUL byte', () => {
    expect(multiline.safeParse('first line\n\tsecond line\r\n').success).toBe(true);
    expect(multiline.safeParse('first\u0000line').success).toBe(false);
  });

  it('refuses a lone surrogate rather than letting it become U+FFFD', () => {
    for (const text of ['\uD800', 'name\uDC00', 'a\uDBFFb']) {
      const result = oneLine.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/not valid Unicode/);
    }
    expect(oneLine.safeParse('emoji 🤖 agent').success).toBe(true);
  });

  it('accepts exactly the well-formed strings without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const wellFormed = !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
        const clean = !/[\u0000-\u001F\u007F-\u009F]/.test(text);
        expect(oneLine.safeParse(text).success).toBe(wellFormed && clean);
      }),
    );
  }, 30_000);
});
