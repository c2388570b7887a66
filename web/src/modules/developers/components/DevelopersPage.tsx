import { ApiKeysSection } from './ApiKeysSection';
import styles from './DevelopersPage.module.css';

/**
 * The owner's page for integrations: API keys (and, beside them, webhook endpoints). Each part is a section
 * component of its own, so another section is added here by one line.
 */
export function DevelopersPage() {
  return (
    <div className={styles.page}>
      <h1>Developers</h1>
      <p className={styles.intro}>
        Connect your billing or accounting software to Khata Pay. Keys act for your shop: keep them secret, give each only what it needs,
        and revoke one you no longer use.
      </p>
      <ApiKeysSection />
    </div>
  );
}
