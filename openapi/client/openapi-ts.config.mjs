/**
 * Generates the TypeScript client of the API from ../openapi.json: types, an SDK on the Fetch client, and
 * TanStack Query options for React. `npm run openapi` (root) rewrites both the document and this output.
 * @type {import('@hey-api/openapi-ts').UserConfig}
 */
export default {
  input: '../openapi.json',
  output: { path: 'src/generated', clean: true },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', '@tanstack/react-query'],
};
