/** The khata-pay API client: generated types, SDK functions, TanStack Query options and schemas (see ./generated). */
export * from './generated';
export * from './generated/@tanstack/react-query.gen';
export * from './generated/schemas.gen';
export { client } from './generated/client.gen';
