import { ev } from './evaluate';
import { TestHost } from './test-host';

describe('date and time', () => {
  it.each([
    ["formatDateTime('2018-03-15T13:00:00Z', 'o')", '2018-03-15T13:00:00.0000000Z'],
    ["formatDateTime('2018-03-15T13:00:00.1234567Z')", '2018-03-15T13:00:00.1234567Z'],
    ["formatDateTime('2018-03-15T13:00:00.123456789Z')", '2018-03-15T13:00:00.1234567Z'],
    ["formatDateTime('2018-03-15T13:00:00+02:00')", '2018-03-15T11:00:00.0000000Z'],
    ["formatDateTime('2018-03-15T13:00:00')", '2018-03-15T13:00:00.0000000'],
    ["formatDateTime('2018-03-15')", '2018-03-15T00:00:00.0000000'],
    ["formatDateTime('2018-03-15T13:05:09Z', 's')", '2018-03-15T13:05:09'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'u')", '2018-03-15 13:05:09Z'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'R')", 'Thu, 15 Mar 2018 13:05:09 GMT'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'd')", '3/15/2018'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'g')", '3/15/2018 1:05 PM'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'G')", '3/15/2018 1:05:09 PM'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'F')", 'Thursday, March 15, 2018 1:05:09 PM'],
    ["formatDateTime('2018-03-15T13:05:09Z', 't')", '1:05 PM'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'M')", 'March 15'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'Y')", 'March 2018'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'd', 'en-GB')", '15/03/2018'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'd', 'de-DE')", '15.03.2018'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'D', 'de-DE')", 'Donnerstag, 15. März 2018'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'dd/MM/yyyy', 'de-DE')", '15.03.2018'],
    ["formatDateTime('2018-03-15T13:05:09.120Z', 'yyyy-MM-dd HH:mm:ss.fff')", '2018-03-15 13:05:09.120'],
    ["formatDateTime('2018-03-15T13:05:09.120Z', 'ss.FFF')", '09.12'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'ss.FFF')", '09'],
    ["formatDateTime('2018-03-15T01:05:09Z', 'h:mm t')", '1:05 A'],
    ["formatDateTime('2018-03-05T13:05:09Z', 'yy M d ddd MMM')", '18 3 5 Mon Mar'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'yyyy ''year'' \"q\" \\M %d')", '2018 year q M 15'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'zzz K')", '+00:00 Z'],
    ["formatDateTime('Thu, 15 Mar 2018 13:05:09 GMT')", '2018-03-15T13:05:09.0000000Z'],
    ["formatDateTime('March 15, 2018 1:05 PM', 's')", '2018-03-15T13:05:00'],
    ["formatDateTime('3/5/2018 1:05:09 PM')", '2018-03-05T13:05:09.0000000'],
    ["addDays('2018-01-31T00:00:00Z', 1)", '2018-02-01T00:00:00.0000000Z'],
    ["addToTime('2018-01-31T10:00:00Z', 1, 'Month')", '2018-02-28T10:00:00.0000000Z'],
    ["addToTime('2020-02-29T00:00:00Z', 1, 'Year')", '2021-02-28T00:00:00.0000000Z'],
    ["addToTime('2018-01-01T00:00:00Z', 2, 'Week', 'yyyy-MM-dd')", '2018-01-15'],
    ["subtractFromTime('2018-03-31T00:00:00Z', 1, 'Month')", '2018-02-28T00:00:00.0000000Z'],
    ["addHours('2018-03-15T00:00:00.1234567Z', 1)", '2018-03-15T01:00:00.1234567Z'],
    ["startOfDay('2018-03-15T13:30:30.5Z', 'yyyy-MM-ddTHH:mm:ss.fff')", '2018-03-15T00:00:00.000'],
    ["dayOfWeek('2018-03-18T00:00:00Z')", 0],
    ["dayOfYear('2016-12-31T00:00:00Z')", 366],
    ["ticks('0001-01-01T00:00:00Z')", 0],
    ["ticks('2018-01-01T00:00:00Z')", 636503616000000000],
    ["string(ticks('2018-01-01T08:00:00.000Z'))", '636503904000000000'],
    ["string(ticks('9999-12-31T23:59:59.9999999Z'))", '3155378975999999999'],
    ["dateDifference('2018-01-01T00:00:00Z', '2018-01-01T01:30:15.5Z')", '01:30:15.5000000'],
    ["dateDifference('2018-01-02T00:00:00Z', '2018-01-01T00:00:00Z')", '-1.00:00:00'],
    ["convertTimeZone('2018-07-01T12:00:00Z', 'UTC', 'W. Europe Standard Time')", '2018-07-01T14:00:00.0000000'],
    ["convertTimeZone('2018-01-01T12:00:00', 'W. Europe Standard Time', 'UTC')", '2018-01-01T11:00:00.0000000Z'],
    ["convertTimeZone('2018-01-01T12:00:00', 'India Standard Time', 'Pacific Standard Time', 'HH:mm')", '22:30'],
    ["convertFromUtc('2018-07-01T08:00:00Z', 'pacific standard time')", '2018-07-01T01:00:00.0000000'],
    ["convertToUtc('2018-11-04T01:30:00', 'Pacific Standard Time')", '2018-11-04T09:30:00.0000000Z'],
    ["parseDateTime('20141020', 'en-US', 'yyyyMMdd')", '2014-10-20T00:00:00.0000000'],
    ["parseDateTime('15.03.2018 13:05', 'de-DE', 'dd.MM.yyyy HH:mm')", '2018-03-15T13:05:00.0000000'],
    ["parseDateTime('Mar 5 2018 1:05 PM', 'en-US', 'MMM d yyyy h:mm tt')", '2018-03-05T13:05:00.0000000'],
    ["parseDateTime('3/15/2018')", '2018-03-15T00:00:00.0000000'],
    ["parseDateTime('2018-03-15T13:00:00Z')", '2018-03-15T13:00:00.0000000Z'],
  ])('%s = %j', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });

  it('reads the host clock for utcNow, getFutureTime and getPastTime', () => {
    const host = new TestHost();
    host.clock = new Date('2024-02-29T10:11:12.345Z');
    expect(ev('utcNow()', host)).toBe('2024-02-29T10:11:12.3450000Z');
    expect(ev("utcNow('yyyy')", host)).toBe('2024');
    expect(ev("getFutureTime(1, 'Year')", host)).toBe('2025-02-28T10:11:12.3450000Z');
    expect(ev("getPastTime(90, 'Minute', 'HH:mm')", host)).toBe('08:41');
  });

  it('rejects invalid timestamps, units, zones and formats', () => {
    expect(() => ev("formatDateTime('not a date')")).toThrow(/date time string 'not a date' was not valid/);
    expect(() => ev("formatDateTime('2018-02-30T00:00:00Z')")).toThrow(/was not valid/);
    expect(() => ev("addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')")).toThrow(/time unit 'Fortnight'/);
    expect(() => ev("convertFromUtc('2018-01-01T00:00:00Z', 'Mars Standard Time')")).toThrow(
      /time zone 'Mars Standard Time'/,
    );
    expect(() => ev("convertToUtc('2018-03-11T02:30:00', 'Pacific Standard Time')")).toThrow(/does not exist/);
    expect(() => ev("formatDateTime('2018-01-01T00:00:00Z', 'Q')")).toThrow(/format/);
    expect(() => ev("formatDateTime('2018-01-01T00:00:00Z', 'D', 'sw-KE')")).toThrow(/not supported for the culture/);
    expect(() => ev("formatDateTime('2018-01-01T00:00:00Z', 'o', 'not a culture!')")).toThrow(/culture/);
    expect(() => ev("addDays('9999-12-31T00:00:00Z', 1)")).toThrow(/range/);
    expect(() => ev("addDays('2018-01-01T00:00:00Z', 1.5)")).toThrow(/integer/);
    expect(() => ev("parseDateTime('2018-13-45', 'en-US', 'yyyy-MM-dd')")).toThrow(/was not valid/);
  });
});

describe('culture-aware parsing', () => {
  it.each([
    ["parseDateTime('20 octobre 2014', 'fr-FR')", '2014-10-20T00:00:00.0000000'],
    ["parseDateTime('15.03.2018', 'de-DE')", '2018-03-15T00:00:00.0000000'],
    ["parseDateTime('03/04/2018', 'en-GB')", '2018-04-03T00:00:00.0000000'],
    ["parseDateTime('03/04/2018', 'en-US')", '2018-03-04T00:00:00.0000000'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'MMMM', 'ru-RU')", 'март'],
    ["formatDateTime('2018-03-15T13:05:09Z', 'd MMMM', 'ru-RU')", '15 марта'],
  ])('%s = %j', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });
});
