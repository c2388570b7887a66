import { Link } from '../../../app/router';
import styles from './DevelopersLink.module.css';

/** Where the dashboard points to the Developers page (a phone's tab bar has no room for it). */
export function DevelopersLink() {
  return (
    <p className={styles.more}>
      <Link to="/developers" className={styles.link}>
        Developers: API keys and webhooks for your software
      </Link>
    </p>
  );
}
