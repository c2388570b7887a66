import { ApiKeysSection } from './ApiKeysSection';
import styles from './DevelopersPage.module.css';
import { WebhooksSection } from './WebhooksSection';

/**
 * The owner's page for integrations: API keys (how the shop's own software calls the API) and webhook endpoints
 * (how it hears of the shop's payments). Each part is a section component of its own.
 */
export function DevelopersPage() {
  return (
    <div className={styles.page}>
      <h1>Developers</h1>
      <p className={styles.intro}>
        Connect your billing or accounting software to Khata Pay. Keys act for your shop: keep them secret, give each only what it needs,
        and revoke one you no longer use. Webhooks tell your software the moment a payment is claimed or decided.
      </p>
      <ApiKeysSection />
      <WebhooksSection />
    </div>
  );
}
