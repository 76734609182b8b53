// Jest writes its JSON results here (npm test) but does not create the folder itself.
require('node:fs').mkdirSync(require('node:path').join(__dirname, '.test-results'), { recursive: true });

/** Root test suites: unit, contract and end-to-end. PCF controls bring their own projects. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles here.
    '^.+\\.tsx?$': 'ts-jest',
  },
  testTimeout: 60000,
  reporters: ['default'],
};
