import {
  evaluateTemplate,
  ExpressionError,
  SUPPORTED_FUNCTIONS,
  WORKFLOW_FUNCTIONS,
} from '../../../flows/runtime/expression';
import { TestHost } from './test-host';

/** Deterministic generator so a failure reproduces. */
function generator(seed: number): () => number {
  let t = seed;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), t | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTIONS = [...SUPPORTED_FUNCTIONS];
const PIECES = [
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '?',
  "'",
  "''",
  '@',
  '@{',
  '}',
  '{',
  ' ',
  '-',
  '1',
  '2.5',
  'null',
  'true',
  "'x'",
  "'2018-01-01T00:00:00Z'",
  "'a/b'",
  '"',
  '\u00e9',
  '\\',
];

describe('robustness', () => {
  it('never throws anything but ExpressionError, whatever the input', () => {
    const rand = generator(7);
    const values = [
      null,
      1,
      'text',
      [1, 2],
      { a: { b: 1 } },
      true,
      2.5,
      { '$content-type': 'application/xml', $content: 'PGEvPg==' },
    ];
    const host = new TestHost(
      Object.fromEntries(FUNCTIONS.map((name) => [name, () => values[Math.floor(rand() * values.length)]])),
    );
    let evaluated = 0;
    for (let i = 0; i < 3000; i++) {
      let text = rand() < 0.7 ? '@' : '';
      const parts = 1 + Math.floor(rand() * 12);
      for (let p = 0; p < parts; p++) {
        text +=
          rand() < 0.3
            ? `${FUNCTIONS[Math.floor(rand() * FUNCTIONS.length)]}(`
            : PIECES[Math.floor(rand() * PIECES.length)];
      }
      try {
        evaluateTemplate({ v: text }, host);
        evaluated++;
      } catch (e) {
        if (!(e instanceof ExpressionError))
          throw new Error(`non-ExpressionError for ${JSON.stringify(text)}: ${String(e)}`);
        expect(e.code).toBe('InvalidTemplate');
      }
    }
    expect(evaluated).toBeGreaterThan(0);
  });

  it('fails cleanly on deeply nested expressions', () => {
    const deep = `@${'concat('.repeat(1000)}'x'${')'.repeat(1000)}`;
    expect(evaluateTemplate(deep, new TestHost())).toBe('x');
    const tooLong = `@${'concat('.repeat(1400)}'x'${')'.repeat(1400)}`;
    expect(() => evaluateTemplate(tooLong, new TestHost())).toThrow(/limit is 8192/);
  });

  it('calls every built-in function with awkward arguments without crashing', () => {
    const awkward = [
      'null',
      "''",
      '0',
      '-1',
      '1.5',
      'createArray()',
      "json('{}')",
      "'x'",
      "binary('x')",
      "decimal('1.5')",
      '9223372036854775807',
      "'2018-01-01'",
    ];
    const host = new TestHost();
    for (const name of FUNCTIONS.filter((f) => !WORKFLOW_FUNCTIONS.has(f))) {
      for (let n = 0; n <= 3; n++) {
        for (const arg of awkward) {
          const expr = `@${name}(${Array.from({ length: n }, () => arg).join(', ')})`;
          try {
            evaluateTemplate(expr, host);
          } catch (e) {
            if (!(e instanceof ExpressionError)) throw new Error(`non-ExpressionError for ${expr}: ${String(e)}`);
            // A JavaScript exception wrapped by the evaluator ("... failed: Cannot read ...") would be a bug.
            if (/ failed: /.test(e.message)) throw new Error(`internal failure for ${expr}: ${e.message}`);
          }
        }
      }
    }
  });
});
