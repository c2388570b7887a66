import { listApiKeysOptions, type ApiKeyDto } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatWhen } from '../../../shared/format/time';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { QueryState } from '../../../shared/ui/QueryState';
import { SCOPE_WORDS } from '../utils/scopes';
import styles from './ApiKeysSection.module.css';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { RevokeApiKeyDialog } from './RevokeApiKeyDialog';

/** The shop's API keys: each with its scopes, prefix and last use; make one (shown once), revoke one. */
export function ApiKeysSection() {
  const keys = useQuery(listApiKeysOptions({ query: { limit: 100 } }));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  return (
    <section className={cx(card.card, styles.section)} aria-labelledby="api-keys-heading">
      <div className={styles.heading}>
        <h2 id="api-keys-heading">API keys</h2>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New API key
        </Button>
      </div>
      <p className={styles.hint}>
        Send a key as the <code>X-Api-Key</code> header. Each key can do only what its permissions allow.
      </p>
      <QueryState query={keys} loading="Loading API keys…" isEmpty={(page) => page.items.length === 0} empty="No API keys yet.">
        {(page) => (
          <ul className={styles.list} aria-label="API keys">
            {page.items.map((key) => (
              <li key={key.id} className={cx(styles.key, key.revokedAt && styles.revoked)} aria-label={key.name}>
                <div className={styles.top}>
                  <strong className={styles.name}>{key.name}</strong>
                  <code className={styles.prefix}>{key.prefix}…</code>
                </div>
                <ul className={styles.scopes} aria-label="Permissions">
                  {key.scopes.map((scope) => (
                    <li key={scope}>{SCOPE_WORDS[scope].label}</li>
                  ))}
                </ul>
                <p className={styles.meta}>
                  Made {formatWhen(key.createdAt)} · {key.lastUsedAt ? `Last used ${formatWhen(key.lastUsedAt)}` : 'Never used'}
                </p>
                {key.revokedAt ? (
                  <p className={styles.status}>Revoked {formatWhen(key.revokedAt)}</p>
                ) : (
                  <Button
                    variant="dangerOutline"
                    className={styles.revoke}
                    onClick={() => setRevoking(key)}
                    aria-label={`Revoke ${key.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}
