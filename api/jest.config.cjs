/** Jest runs TypeScript through swc (decorator metadata kept) and transforms the ESM-only packages Nest 12 pulls in. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  // Judge only the last node_modules segment: nested ESM-only packages must be transformed too.
  transformIgnorePatterns: [
    '/node_modules/(?!.*/node_modules/)(?!(@nestjs|file-type|load-esm|uid|cookie|content-disposition|@fastify|fastify-plugin)/)',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
};
