import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { SCOPES as SCOPES_EXTENSION } from '../openapi/api-errors';
import { API_KEY_SCHEME, type Scope } from './scope-names';

export { API_KEY_HEADER, API_KEY_SCHEME, SCOPE_DESCRIPTIONS, SCOPES } from './scope-names';
export type { Scope } from './scope-names';

export const REQUIRED_SCOPES = 'auth:scopes';

/**
 * An operation that API keys may call, with every one of these scopes. Read by the authentication guard (a key
 * without one of them gets 403 `INSUFFICIENT_SCOPE`) and written into the document: `x-scopes` and the `apiKey`
 * scheme beside the bearer token in `security` (the problems that brings are derived: `operationProblems`). An operation without it
 * refuses every key (403 `API_KEY_NOT_ALLOWED`): signing in, account settings, API keys themselves.
 */
export const Scopes = (...scopes: Scope[]) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiExtension(SCOPES_EXTENSION, scopes), ApiSecurity(API_KEY_SCHEME));
