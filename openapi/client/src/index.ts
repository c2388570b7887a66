/** The khata-pay API client: generated types, SDK functions and TanStack Query options (see ./generated). */
export * from './generated';
export * from './generated/@tanstack/react-query.gen';
export { client } from './generated/client.gen';
