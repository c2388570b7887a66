import { CreateApiKeyDtoSchema, type ApiKeyDto } from '@khata/client';

export type Scope = ApiKeyDto['scopes'][number];

/** Every scope, in the contract's order (from the generated schema, so the list exists once). */
export const SCOPES = CreateApiKeyDtoSchema.properties.scopes.items.enum as readonly Scope[];

/** What each scope lets a key do, in the shopkeeper's words (a new scope without words fails the type check). */
export const SCOPE_WORDS: Record<Scope, { label: string; hint: string }> = {
  'payments:read': { label: 'See payments', hint: 'Claims, their history, dashboard figures and the live stream' },
  'payments:decide': { label: 'Approve and reject payments', hint: 'Decide on pending claims' },
  'accounts:read': { label: 'See customers', hint: 'Customer accounts, balances and ledgers' },
  'accounts:write': { label: 'Change customers', hint: 'Add customers, record credit and payments, corrections' },
  'webhooks:manage': { label: 'Manage webhooks', hint: 'Webhook endpoints and their deliveries' },
};
