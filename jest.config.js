// Jest writes its JSON results here (npm test) but does not create the folder itself.
require('node:fs').mkdirSync(require('node:path').join(__dirname, '.test-results'), { recursive: true });

/**
 * Two Jest projects, one run, one JSON result file (.test-results/jest.json):
 * - node: unit, contract, end-to-end and browser tests under tests/ (browser tests drive Chromium from Node);
 * - pcf: the PCF controls' views, logic and lifecycle under tests/pcf, in jsdom with React 16.
 * Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles (isolatedModules).
 */
/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  reporters: ['default'],
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/pcf/'],
      transform: { '^.+\\.tsx?$': 'ts-jest' },
    },
    {
      displayName: 'pcf',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/pcf'],
      testMatch: ['**/*.test.ts?(x)'],
      setupFilesAfterEnv: ['<rootDir>/tests/pcf/setup.ts'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.pcf.json' }] },
    },
  ],
};
