/**
 * Finds the records in a stream of JSON text without holding more than one record at a time: each top-level
 * value (NDJSON, or objects written one after another, pretty-printed or not), each element of a top-level
 * array, and each element of a `{"Records": […]}` (CloudTrail) or `{"records": […]}` (Azure diagnostic
 * settings through Event Hubs) wrapper, with the line where it starts. It only tracks brackets, strings and
 * escapes; JSON.parse judges each record's text afterwards.
 *
 * Recovery: a record outside an array that breaks (a string running past the end of its line, which JSON
 * forbids; a bracket that closes the wrong thing; a new record starting in column 0 of a line while the
 * previous one is still open) is rejected and reading resumes on the next line. Inside an array there is no
 * line structure to resume from, so a structural break rejects the rest of the array with one reason.
 */

export type ScannedRecord = { line: number; text: string };
export type ScanProblem = { line: number; error: string };
export type ScanItem = ScannedRecord | ScanProblem;

export const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;
const MAX_DEPTH = 512;
const WRAPPER_KEYS = new Set(['Records', 'records']);
const LONGEST_WRAPPER_KEY = 7;

const NEWLINE = 10;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xfeff;
}

/** Inside an array's element only quotes, brackets and line ends matter; everything else is skipped in one run. */
function bracketRunEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === QUOTE || code === NEWLINE || code === OPEN_BRACE || code === CLOSE_BRACE) break;
    if (code === OPEN_BRACKET || code === CLOSE_BRACKET) break;
    end++;
  }
  return end;
}

/** What a capture is: a bracketed value, a string or bare literal inside an array, or a whole line of something else. */
type CaptureKind = 'container' | 'string' | 'literal' | 'line';

type Capture = {
  kind: CaptureKind;
  startLine: number;
  stack: number[];
  inString: boolean;
  escaped: boolean;
  pieces: string[];
  sliceFrom: number;
  length: number;
  oversized: boolean;
  /** The rest of a wrapper object after its records: followed for its brackets, never emitted. */
  discard: boolean;
  keys: KeyWatch | null;
};

/** Watches the keys of a top-level object for a wrapper key whose value is an array. */
type KeyWatch = {
  expectKey: boolean;
  expectValue: boolean;
  reading: string | null;
  lastKey: string | null;
  pendingKey: string | null;
};

type Mode = 'stream' | 'array' | 'dead';

/** Where a character stands on its line: in column 0, and whether it is the line's first non-blank one. */
type LinePosition = { lineStart: boolean; firstOnLine: boolean };

export class RecordScanner {
  private line = 1;
  private atLineStart = true;
  private lineHasContent = false;
  private mode: Mode = 'stream';
  private arrayStartLine = 0;
  private arrayInWrapper = false;
  private capture: Capture | null = null;
  private skippingLine = false;
  private out: ScanItem[] = [];

  constructor(private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS) {}

  get currentLine(): number {
    return this.line;
  }

  push(text: string): ScanItem[] {
    this.out = [];
    for (let i = 0; i < text.length; i++) {
      const skipTo = this.capture === null ? i : this.plainRunEnd(this.capture, text, i);
      if (skipTo > i) {
        // Characters that change nothing but the record's length: inside a string, or a line read whole.
        this.atLineStart = false;
        this.lineHasContent = true;
        i = skipTo - 1;
        continue;
      }
      const code = text.charCodeAt(i);
      const lineStart = this.atLineStart;
      const firstOnLine = !this.lineHasContent && !isWhitespace(code);
      this.atLineStart = false;
      if (firstOnLine) this.lineHasContent = true;
      const consumed = this.capture !== null && this.stepCapture(text, i, code, { lineStart, firstOnLine });
      if (!consumed) this.stepBetween(text, i, code);
      if (code === NEWLINE) {
        this.line++;
        this.atLineStart = true;
        this.lineHasContent = false;
      }
    }
    this.carryOver(text);
    return this.out;
  }

  /** Where the run of characters that need no attention ends (i itself when the next one does). */
  private plainRunEnd(capture: Capture, text: string, i: number): number {
    if (capture.kind === 'line') {
      const newline = text.indexOf('\n', i);
      return newline === -1 ? text.length : newline;
    }
    if (!capture.inString) return this.mode === 'array' && capture.kind === 'container' ? bracketRunEnd(text, i) : i;
    if (capture.escaped || (capture.keys !== null && capture.keys.reading !== null)) return i;
    let end = i;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (code === QUOTE || code === BACKSLASH || code === NEWLINE) break;
      end++;
    }
    return end;
  }

  finish(): ScanItem[] {
    this.out = [];
    const capture = this.capture;
    if (capture && (capture.kind === 'line' || capture.kind === 'literal')) {
      this.complete(capture, '', 0);
    } else if (capture) {
      this.capture = null;
      this.reject(capture.discard ? this.line : capture.startLine, this.endedInside(capture));
    } else if (this.mode === 'array') {
      this.reject(
        this.line,
        `The JSON array that starts on line ${this.arrayStartLine} is not closed: the input ends on line ${this.line}, so it may be cut short.`,
      );
    }
    return this.out;
  }

  private endedInside(capture: Capture): string {
    if (capture.discard) {
      return `The object holding the records is not closed: the input ends on line ${this.line}, so it may be cut short.`;
    }
    const where = capture.inString ? 'inside a string' : 'before this record is closed';
    const array =
      this.mode === 'array' ? ` (the JSON array that starts on line ${this.arrayStartLine} is not closed)` : '';
    return `The input ends on line ${this.line} ${where}${array}: the record is incomplete.`;
  }

  private stepBetween(text: string, i: number, code: number): void {
    if (this.mode === 'dead') return;
    if (this.skippingLine) {
      if (code === NEWLINE) this.skippingLine = false;
      return;
    }
    if (isWhitespace(code)) return;
    if (this.mode === 'stream') return this.startInStream(i, code);
    this.startInArray(i, code);
  }

  private startInStream(i: number, code: number): void {
    if (code === OPEN_BRACKET) {
      this.enterArray(false);
    } else if (code === OPEN_BRACE) {
      const capture = this.begin('container', i);
      capture.stack.push(OPEN_BRACE);
      capture.keys = { expectKey: true, expectValue: false, reading: null, lastKey: null, pendingKey: null };
    } else {
      this.begin('line', i);
    }
  }

  private startInArray(i: number, code: number): void {
    if (code === COMMA) return;
    if (code === CLOSE_BRACKET) return this.leaveArray();
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      this.begin('container', i).stack.push(code);
    } else if (code === QUOTE) {
      this.begin('string', i).inString = true;
    } else if (code === CLOSE_BRACE || code === COLON) {
      this.breakArray(this.line, `"${String.fromCharCode(code)}" stands between two records`);
    } else {
      this.begin('literal', i);
    }
  }

  private enterArray(inWrapper: boolean): void {
    this.mode = 'array';
    this.arrayInWrapper = inWrapper;
    this.arrayStartLine = this.line;
  }

  private leaveArray(): void {
    if (!this.arrayInWrapper) {
      this.mode = 'stream';
      return;
    }
    // The records array is done; follow the rest of the wrapper object to its closing brace.
    this.mode = 'stream';
    const tail = this.begin('container', 0);
    tail.discard = true;
    tail.stack.push(OPEN_BRACE);
  }

  private begin(kind: CaptureKind, i: number): Capture {
    this.capture = {
      kind,
      startLine: this.line,
      stack: [],
      inString: false,
      escaped: false,
      pieces: [],
      sliceFrom: i,
      length: 0,
      oversized: false,
      discard: false,
      keys: null,
    };
    return this.capture;
  }

  /** Returns false when the character ends the capture without belonging to it, so it is read again. */
  private stepCapture(text: string, i: number, code: number, position: LinePosition): boolean {
    const capture = this.capture as Capture;
    if (capture.inString) return this.stepString(capture, text, i, code);
    switch (capture.kind) {
      case 'line':
        if (code === NEWLINE) this.complete(capture, text, i);
        return true;
      case 'literal':
        if (code !== COMMA && code !== CLOSE_BRACKET && code !== CLOSE_BRACE && !isWhitespace(code)) return true;
        this.complete(capture, text, i);
        return false;
      default:
        return this.stepContainer(capture, text, i, code, position);
    }
  }

  private stepString(capture: Capture, text: string, i: number, code: number): boolean {
    if (code === NEWLINE) {
      this.broken(capture, code, `a string is still open at the end of line ${this.line}`);
      return true;
    }
    if (capture.escaped) {
      capture.escaped = false;
    } else if (code === BACKSLASH) {
      capture.escaped = true;
    } else if (code === QUOTE) {
      capture.inString = false;
      if (capture.kind === 'string') this.complete(capture, text, i + 1);
      else if (capture.keys && capture.keys.reading !== null) this.keyRead(capture.keys);
      return true;
    }
    const keys = capture.keys;
    if (keys && keys.reading !== null) {
      keys.reading = keys.reading.length < LONGEST_WRAPPER_KEY ? keys.reading + text[i] : null;
      if (keys.reading === null) keys.expectKey = false;
    }
    return true;
  }

  private keyRead(keys: KeyWatch): void {
    keys.lastKey = keys.reading;
    keys.reading = null;
    keys.expectKey = false;
  }

  private stepContainer(capture: Capture, text: string, i: number, code: number, position: LinePosition): boolean {
    if (isWhitespace(code)) return true;
    if (this.startsAnotherRecord(capture, code, position)) {
      this.capture = null;
      this.reject(
        capture.startLine,
        `The record is not closed before line ${this.line} starts another one, so it was skipped.`,
      );
      return false;
    }
    const keys = capture.stack.length === 1 ? capture.keys : null;
    if (keys && this.watchKeys(keys, code)) return true;
    if (code === QUOTE) {
      capture.inString = true;
      if (keys?.expectKey) keys.reading = '';
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      capture.stack.push(code);
      if (capture.stack.length > MAX_DEPTH) this.broken(capture, code, `it nests deeper than ${MAX_DEPTH} levels`);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      this.close(capture, text, i, code);
    }
    return true;
  }

  /**
   * Outside arrays, a `{` that begins a line while a record is open starts the next record when it cannot
   * belong to the open one: in column 0 (pretty-printed JSON indents what it nests), or where the open
   * object expects a key or a comma rather than a value.
   */
  private startsAnotherRecord(capture: Capture, code: number, position: LinePosition): boolean {
    if (code !== OPEN_BRACE || this.mode !== 'stream' || capture.discard || !position.firstOnLine) return false;
    const keys = capture.stack.length === 1 ? capture.keys : null;
    return position.lineStart || (keys !== null && !keys.expectValue);
  }

  /** Key bookkeeping at depth 1 of a top-level object; true when the wrapper's records array begins here. */
  private watchKeys(keys: KeyWatch, code: number): boolean {
    const pending = keys.pendingKey;
    keys.pendingKey = null;
    keys.expectValue = code === COLON;
    if (code === COMMA) {
      keys.expectKey = true;
    } else if (code === COLON) {
      keys.pendingKey = keys.lastKey;
      keys.lastKey = null;
    } else if (code === OPEN_BRACKET && pending !== null && WRAPPER_KEYS.has(pending)) {
      this.capture = null;
      this.enterArray(true);
      return true;
    }
    return false;
  }

  private close(capture: Capture, text: string, i: number, code: number): void {
    const opened = capture.stack.pop();
    const expected = opened === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
    if (code !== expected) {
      const closing = String.fromCharCode(code);
      this.broken(capture, code, `"${closing}" on line ${this.line} closes a "${String.fromCharCode(opened ?? code)}"`);
      return;
    }
    if (capture.stack.length === 0) this.complete(capture, text, i + 1);
  }

  /** A structural break: outside an array, reject the record and resume on the next line; inside one, stop. */
  private broken(capture: Capture, code: number, reason: string): void {
    this.capture = null;
    if (this.mode === 'array' || capture.discard) {
      this.breakArray(capture.startLine, reason);
      return;
    }
    this.reject(capture.startLine, `The record is not valid JSON: ${reason}.`);
    this.skippingLine = code !== NEWLINE;
  }

  private breakArray(line: number, reason: string): void {
    this.mode = 'dead';
    this.capture = null;
    this.reject(
      line,
      `The JSON is broken on line ${this.line} (${reason}); the records after this point could not be read.`,
    );
  }

  private complete(capture: Capture, text: string, endExclusive: number): void {
    this.capture = null;
    if (capture.discard) return;
    if (!capture.oversized) {
      capture.pieces.push(text.slice(capture.sliceFrom, endExclusive));
      capture.length += endExclusive - capture.sliceFrom;
    }
    if (capture.oversized || capture.length > this.maxRecordChars) {
      this.reject(capture.startLine, `The record is larger than the limit of ${this.maxRecordChars} characters.`);
      return;
    }
    this.out.push({ line: capture.startLine, text: capture.pieces.join('') });
  }

  /** At a chunk's end, keep the open capture's text (or only count it, past the size limit). */
  private carryOver(text: string): void {
    const capture = this.capture;
    if (!capture) return;
    if (!capture.discard && !capture.oversized) {
      capture.length += text.length - capture.sliceFrom;
      if (capture.length > this.maxRecordChars) {
        capture.oversized = true;
        capture.pieces = [];
      } else {
        capture.pieces.push(text.slice(capture.sliceFrom));
      }
    }
    capture.sliceFrom = 0;
  }

  private reject(line: number, error: string): void {
    this.out.push({ line, error });
  }
}
