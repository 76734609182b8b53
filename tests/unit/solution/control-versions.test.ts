import {
  bundleHash,
  checkControlVersions,
  compareVersions,
  currentControlVersions,
  parseControlVersionLock,
  renderControlVersionLock,
} from '../../../solution/packer/control-versions';

const entry = (version: string, bundle: string) => ({ version, bundleSha256: bundleHash(Buffer.from(bundle)) });

describe('control version check', () => {
  it('compares MAJOR.MINOR.PATCH numerically', () => {
    expect(compareVersions('1.0.10', '1.0.9')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0', '1.0.0')).toBeUndefined();
  });

  it('passes new controls, unchanged bundles and bumped versions', () => {
    expect(checkControlVersions({}, { 'C.A': entry('0.0.1', 'a') })).toEqual([]);
    expect(checkControlVersions({ 'C.A': entry('1.0.0', 'a') }, { 'C.A': entry('1.0.0', 'a') })).toEqual([]);
    expect(checkControlVersions({ 'C.A': entry('1.0.0', 'a') }, { 'C.A': entry('1.0.1', 'b') })).toEqual([]);
  });

  it('fails a changed bundle with the same version, naming the control and the fix', () => {
    const p = checkControlVersions({ 'C.A': entry('1.0.0', 'a') }, { 'C.A': entry('1.0.0', 'b') });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /^C\.A: bundle\.js changed but the control version is still 1\.0\.0; the build stamps it from the solution version, so raise "version" in package\.json/,
    );
  });

  it('fails a version that went down or is malformed', () => {
    expect(checkControlVersions({ 'C.A': entry('1.2.0', 'a') }, { 'C.A': entry('1.1.9', 'a') })[0]).toMatch(
      /went down from 1\.2\.0 to 1\.1\.9/,
    );
    expect(checkControlVersions({ 'C.A': entry('1.2.0', 'a') }, { 'C.A': entry('v2', 'b') })[0]).toMatch(
      /must be MAJOR\.MINOR\.PATCH/,
    );
  });

  it('builds the lock from controls and round-trips it', () => {
    const lock = currentControlVersions([
      {
        namespace: 'Cosell',
        constructorName: 'B',
        version: '1.0.0',
        files: [{ path: 'bundle.js', bytes: Buffer.from('b') }],
      },
      {
        namespace: 'Cosell',
        constructorName: 'A',
        version: '2.0.0',
        files: [{ path: 'bundle.js', bytes: Buffer.from('a') }],
      },
    ]);
    const text = renderControlVersionLock(lock).toString();
    expect(Object.keys(JSON.parse(text))).toEqual(['Cosell.A', 'Cosell.B']);
    expect(parseControlVersionLock(text)).toEqual(lock);
    expect(() =>
      currentControlVersions([{ namespace: 'X', constructorName: 'Y', version: '1.0.0', files: [] }]),
    ).toThrow(/no bundle\.js/);
  });

  it('rejects a malformed lock file', () => {
    expect(() => parseControlVersionLock('[')).toThrow(/not valid JSON/);
    expect(() => parseControlVersionLock('{"C.A": {"version": 1}}')).toThrow(/"C\.A" must be/);
  });
});
