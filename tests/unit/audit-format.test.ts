import {
  AUDIT_LIMITS,
  DATAVERSE_MULTILINE_MAX_CHARS,
  DEFAULT_AUDIT_MAX_CHARS,
  MIN_AUDIT_MAX_CHARS,
  appendAuditEntry,
  boundAuditValue,
  findNewestEntry,
  formatAuditEntry,
  isUtcIsoTime,
  newestFirst,
  parseAuditLine,
  parseAuditValue,
  shorten,
  type NewAuditEntry,
} from '../../flows/audit';

const base: NewAuditEntry = {
  time: '2026-11-21T10:00:00.000Z',
  direction: 'CrmToPartnerCenter',
  operation: 'Update',
  result: 'Succeeded',
};

describe('formatAuditEntry', () => {
  it('writes one JSON line with a fixed key order and the version', () => {
    const line = formatAuditEntry({
      referralId: 'r-1',
      flowRunUrl: 'https://make.powerautomate.com/runs/1',
      message: 'line one\nline two',
      changedFields: ['dealValue', 'closingDateTime'],
      ...base,
    });
    expect(line).toBe(
      '{"v":1,"time":"2026-11-21T10:00:00.000Z","direction":"CrmToPartnerCenter","operation":"Update","result":"Succeeded",' +
        '"changedFields":["dealValue","closingDateTime"],"message":"line one\\nline two","flowRunUrl":"https://make.powerautomate.com/runs/1","referralId":"r-1"}',
    );
    expect(line).not.toContain('\n');
  });

  it('leaves out empty optional fields', () => {
    expect(formatAuditEntry({ ...base, changedFields: [], message: '' })).toBe(
      '{"v":1,"time":"2026-11-21T10:00:00.000Z","direction":"CrmToPartnerCenter","operation":"Update","result":"Succeeded"}',
    );
  });

  it('shortens a long message instead of rejecting it', () => {
    const line = formatAuditEntry({ ...base, result: 'Failed', message: 'x'.repeat(10_000) });
    const parsed = parseAuditLine(line);
    expect(parsed?.message).toHaveLength(AUDIT_LIMITS.message);
    expect(parsed?.message?.endsWith('…')).toBe(true);
  });

  it.each([
    [{ time: '2026-11-21 10:00' }, /time/],
    [{ time: '2026-11-21T10:00:00+01:00' }, /time/],
    [{ time: '2026-02-30T10:00:00Z' }, /time/],
    [{ direction: 'Sideways' }, /direction/],
    [{ result: 'Maybe' }, /result/],
    [{ operation: ' ' }, /operation/],
    [{ operation: 'o'.repeat(AUDIT_LIMITS.operation + 1) }, /operation/],
    [{ changedFields: [''] }, /changed field/],
    [{ referralId: 'r'.repeat(AUDIT_LIMITS.referralId + 1) }, /referralId/],
  ])('rejects a broken entry %j', (patch, message) => {
    expect(() => formatAuditEntry({ ...base, ...(patch as Partial<NewAuditEntry>) })).toThrow(message);
  });
});

describe('isUtcIsoTime', () => {
  it('accepts the 7-digit fractions flows write and rejects non-UTC or impossible dates', () => {
    expect(isUtcIsoTime('2026-11-21T10:00:00.1234567Z')).toBe(true);
    expect(isUtcIsoTime('2026-11-21T10:00:00Z')).toBe(true);
    expect(isUtcIsoTime('2026-11-21T10:00:00')).toBe(false);
    expect(isUtcIsoTime('2026-13-01T10:00:00Z')).toBe(false);
    expect(isUtcIsoTime(42)).toBe(false);
  });
});

describe('parseAuditValue', () => {
  it('returns nothing for null, undefined and empty values', () => {
    expect(parseAuditValue(null)).toEqual([]);
    expect(parseAuditValue(undefined)).toEqual([]);
    expect(parseAuditValue('')).toEqual([]);
  });

  it('reads entries and keeps other lines as plain text, skipping blank lines', () => {
    const value = [formatAuditEntry(base), '', 'Synced OK ✔', '{"v":1,"time":"bad"}', '{not json', '  \r'].join('\n');
    const lines = parseAuditValue(value);
    expect(lines.map((l) => l.kind)).toEqual(['entry', 'plain', 'plain', 'plain']);
    expect(lines[1]).toEqual({ kind: 'plain', index: 2, text: 'Synced OK ✔' });
    expect(lines[0]).toEqual({
      kind: 'entry',
      index: 0,
      entry: {
        v: 1,
        time: base.time,
        direction: 'CrmToPartnerCenter',
        operation: 'Update',
        result: 'Succeeded',
        changedFields: [],
      },
    });
  });

  it('accepts newer versions and unknown direction/result values, ignoring unknown fields', () => {
    const entry = parseAuditLine(
      '{"v":2,"time":"2026-11-21T10:00:00Z","direction":"Mirror","operation":"Sync","result":"Partial","extra":{"a":1},"changedFields":["a",3,""]}',
    );
    expect(entry).toMatchObject({ v: 2, direction: 'Mirror', result: 'Partial', changedFields: ['a'] });
  });

  it.each([
    '[]',
    'null',
    '{"v":0,"time":"2026-11-21T10:00:00Z","direction":"Reconcile","operation":"x","result":"Failed"}',
    '{"v":1}',
    '"text"',
    '{"__proto__":1}',
  ])('treats %s as plain text', (line) => {
    expect(parseAuditLine(line)).toBeUndefined();
    expect(parseAuditValue(line)).toEqual([{ kind: 'plain', index: 0, text: line }]);
  });

  it('shows the newest first', () => {
    const lines = parseAuditValue('a\nb\nc');
    expect(newestFirst(lines).map((l) => (l.kind === 'plain' ? l.text : ''))).toEqual(['c', 'b', 'a']);
  });

  it('reads a 1 MB value without throwing', () => {
    const line = formatAuditEntry({ ...base, message: 'm'.repeat(200) });
    const value = Array.from({ length: Math.ceil(DATAVERSE_MULTILINE_MAX_CHARS / (line.length + 1)) }, () => line).join(
      '\n',
    );
    const lines = parseAuditValue(value.slice(0, DATAVERSE_MULTILINE_MAX_CHARS));
    expect(lines.length).toBeGreaterThan(3000);
    expect(lines[lines.length - 1].kind).toBe('plain'); // the cut last line
  });
});

describe('findNewestEntry', () => {
  it('finds the newest matching entry from the end', () => {
    const value = [
      formatAuditEntry({ ...base, result: 'Failed', message: 'old' }),
      'noise',
      formatAuditEntry({ ...base, result: 'Failed', message: 'new' }),
      formatAuditEntry(base),
      '',
    ].join('\n');
    expect(findNewestEntry(value, (e) => e.result === 'Failed')?.message).toBe('new');
    expect(findNewestEntry(value, (e) => e.result === 'Skipped')).toBeUndefined();
    expect(findNewestEntry(null, () => true)).toBeUndefined();
  });
});

describe('boundAuditValue and appendAuditEntry', () => {
  const max = MIN_AUDIT_MAX_CHARS;
  const line = (n: number) => `${String(n).padStart(4, '0')}:${'x'.repeat(95)}`; // 100 characters

  it('returns a value that fits unchanged', () => {
    expect(boundAuditValue('a\nb', max)).toBe('a\nb');
  });

  it('keeps the newest whole lines and drops the oldest', () => {
    const value = Array.from({ length: 100 }, (_, i) => line(i)).join('\n');
    const bounded = boundAuditValue(value, max);
    expect(bounded.length).toBeLessThanOrEqual(max);
    const kept = bounded.split('\n');
    expect(kept[kept.length - 1]).toBe(line(99));
    expect(kept.every((l) => l.length === 100)).toBe(true);
    // As many as fit: 40 lines take 40*100 + 39 = 4039 characters, 41 would take 4140.
    expect(kept).toHaveLength(40);
  });

  it('keeps a cut that falls exactly on a line boundary', () => {
    const value = `${'y'.repeat(10)}\n${'z'.repeat(max)}`;
    expect(boundAuditValue(value, max)).toBe('z'.repeat(max));
    expect(boundAuditValue(`${'y'.repeat(10)}\n${'z'.repeat(max - 1)}`, max)).toBe('z'.repeat(max - 1));
  });

  it('drops a single line longer than the bound', () => {
    expect(boundAuditValue('q'.repeat(max + 1), max)).toBe('');
  });

  it('appends as the last line without creating blank lines', () => {
    const first = appendAuditEntry(null, base);
    const second = appendAuditEntry(`${first}\n\n`, { ...base, result: 'Failed' });
    expect(second.split('\n')).toHaveLength(2);
    expect(parseAuditLine(second.split('\n')[1])?.result).toBe('Failed');
  });

  it('keeps appending within the bound, newest kept', () => {
    let value: string | undefined;
    for (let i = 0; i < 200; i++) value = appendAuditEntry(value, { ...base, message: `entry ${i}` }, max);
    expect(value!.length).toBeLessThanOrEqual(max);
    const lines = parseAuditValue(value);
    expect(lines.every((l) => l.kind === 'entry')).toBe(true);
    const last = lines[lines.length - 1];
    expect(last.kind === 'entry' && last.entry.message).toBe('entry 199');
  });

  it('rejects a bound outside the documented range', () => {
    expect(() => boundAuditValue('x', MIN_AUDIT_MAX_CHARS - 1)).toThrow(RangeError);
    expect(() => boundAuditValue('x', DATAVERSE_MULTILINE_MAX_CHARS + 1)).toThrow(RangeError);
    expect(() => appendAuditEntry('', base, 1.5)).toThrow(RangeError);
    expect(DEFAULT_AUDIT_MAX_CHARS).toBeLessThanOrEqual(DATAVERSE_MULTILINE_MAX_CHARS);
  });
});

describe('shorten', () => {
  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd';
    expect(shorten(text, 4)).toBe('ab…');
    expect(shorten(text, 5)).toBe('ab😀…');
    expect(shorten('abc', 3)).toBe('abc');
  });
});
