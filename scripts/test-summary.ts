import { existsSync, readFileSync } from 'node:fs';

/**
 * Prints the plain closing line CI reads, `N passed, N failed`, from Jest's JSON results.
 * A suite that failed to load counts as one failure so a broken file can't hide.
 */
export function summaryLine(results: {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numRuntimeErrorTestSuites?: number;
}): string {
  const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  const skipped = results.numPendingTests ?? 0;
  return `${results.numPassedTests} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}

if (require.main === module) {
  const file = process.argv[2] ?? '.test-results/jest.json';
  if (!existsSync(file)) {
    console.log('0 passed, 1 failed');
    console.error(`no test results at ${file}: the test command stopped before Jest ran (see above).`);
    process.exit(1);
  }
  console.log(summaryLine(JSON.parse(readFileSync(file, 'utf8'))));
}
