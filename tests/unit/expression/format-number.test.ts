import { ev } from './evaluate';

describe('formatNumber', () => {
  it.each([
    ["formatNumber(1234.5678, 'N2')", '1,234.57'],
    ["formatNumber(1234.5678, 'N2', 'de-DE')", '1.234,57'],
    ["formatNumber(1234.5678, 'F1')", '1234.6'],
    ["formatNumber(-1234.5, 'N0')", '-1,235'],
    ["formatNumber(0.125, 'P1')", '12.5%'],
    ["formatNumber(42, 'D5')", '00042'],
    ["formatNumber(-42, 'D5')", '-00042'],
    ["formatNumber(255, 'X4')", '00FF'],
    ["formatNumber(255, 'x')", 'ff'],
    ["formatNumber(1234.5678, 'E2')", '1.23E+003'],
    ["formatNumber(1234.5678, 'G')", '1234.5678'],
    ["formatNumber(1234.5678, 'G3')", '1.23E+03'],
    ["formatNumber(2.5, 'F0')", '3'],
    ["formatNumber(1.005, 'F2')", '1.00'],
    ["formatNumber(1234.5, '#,##0.00')", '1,234.50'],
    ["formatNumber(1234.5, '0000000.0')", '0001234.5'],
    ["formatNumber(0.5, '#.##')", '.5'],
    ["formatNumber(0, '#.##')", ''],
    ["formatNumber(1234567, '#,##0,,')", '1'],
    ["formatNumber(0.256, '0.0%')", '25.6%'],
    ["formatNumber(-5, '0.00;(0.00)')", '(5.00)'],
    ["formatNumber(0, '0.00;(0.00);zero')", 'zero'],
    ["formatNumber(12, '''#''0')", '#12'],
    ["formatNumber(123456789, '(###) ###-####')", '(12) 345-6789'],
    ["formatNumber(decimal('1234.565'), 'N2')", '1,234.57'],
    ["formatNumber(1234567890123, 'N0')", '1,234,567,890,123'],
  ])('%s = %j', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });

  it('rejects formats that do not apply', () => {
    expect(() => ev("formatNumber(1.5, 'D2')")).toThrow(/only valid for integers/);
    expect(() => ev("formatNumber('1', 'N2')")).toThrow(/integer or a decimal number/);
    expect(() => ev("formatNumber(1, 'C', 'fr')")).toThrow(/currency/);
  });
});

describe('cultures', () => {
  it('rejects cultures without data instead of falling back silently', () => {
    expect(() => ev("formatNumber(1, 'N2', 'xx-QQ')")).toThrow(/not a valid culture name/);
    expect(() => ev("formatDateTime('2018-01-01T00:00:00Z', 'MMMM', 'zz')")).toThrow(/not a valid culture name/);
    expect(ev("formatDateTime('2018-01-01T00:00:00Z', 'MMMM', 'nb-NO')")).toBe('januar');
  });
});
