import { guidFromName } from '../../../scripts/lib/guid';
import { stableStringify } from '../../../scripts/lib/stable-json';
import { summarize } from '../../../scripts/pipeline/run-pipeline';
import { summaryLine } from '../../../scripts/test-summary';

describe('deterministic helpers', () => {
  it('sorts keys deeply and ends with a newline', () => {
    expect(stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 } })).toBe(
      '{\n  "a": {\n    "c": 3,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(stableStringify({ b: 1, a: 2 }, { sortKeys: false })).toBe('{\n  "b": 1,\n  "a": 2\n}\n');
  });

  it('derives RFC 4122 version-5 GUIDs from names, stable and distinct', () => {
    const a = guidFromName('opportunity.cosell_referralidentifier');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(guidFromName('opportunity.cosell_referralidentifier')).toBe(a);
    expect(guidFromName('opportunity.cosell_referrallink')).not.toBe(a);
    // RFC 4122 appendix vector: DNS namespace, "www.example.com".
    expect(guidFromName('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('summarizes artifacts with sizes and totals', () => {
    const lines = summarize([
      {
        step: 's',
        artifacts: [
          { path: 'b.json', size: 2048 },
          { path: 'a.png', size: 10 },
        ],
        millis: 1500,
      },
    ]);
    expect(lines[2]).toMatch(/a\.png\s+10 B/);
    expect(lines[3]).toMatch(/b\.json\s+2\.0 KB/);
    expect(lines.at(-1)).toBe('2 artifact(s), 2.0 KB, built in 1.50 s');
  });

  it('prints the CI closing line from Jest results, counting broken suites as failures', () => {
    expect(summaryLine({ numPassedTests: 5, numFailedTests: 1 })).toBe('5 passed, 1 failed');
    expect(
      summaryLine({ numPassedTests: 5, numFailedTests: 0, numRuntimeErrorTestSuites: 2, numPendingTests: 1 }),
    ).toBe('5 passed, 2 failed, 1 skipped');
  });
});
