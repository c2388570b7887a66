/** What an API key may do; a key has one or more. */
export const SCOPES = ['payments:read', 'payments:decide', 'accounts:read', 'accounts:write', 'webhooks:manage'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'payments:read': 'Read claims, their history, the dashboard figures and the live event stream',
  'payments:decide': 'Approve and reject claims',
  'accounts:read': "Read customers' accounts and their ledgers",
  'accounts:write': 'Add customers, record credits and payments, correct entries, merge accounts',
  'webhooks:manage': 'Manage webhook endpoints and their deliveries',
};

/** The name of the API-key security scheme in the OpenAPI document. */
export const API_KEY_SCHEME = 'apiKey';
/** The header that carries a key. */
export const API_KEY_HEADER = 'X-Api-Key';
