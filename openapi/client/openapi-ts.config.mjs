/**
 * Generates the TypeScript client of the API from ../openapi.json: types, an SDK on the Fetch client,
 * TanStack Query options for React, and the document's schemas as JSON Schema objects (`JoinDtoSchema` ...), so
 * the SPA takes a grammar such as the join code's from the contract instead of writing its own. `npm run openapi` (root) rewrites both the document and this output.
 * @type {import('@hey-api/openapi-ts').UserConfig}
 */
export default {
  input: '../openapi.json',
  output: { path: 'src/generated', clean: true },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', '@tanstack/react-query', '@hey-api/schemas'],
};
