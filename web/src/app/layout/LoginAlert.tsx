import { useState } from 'react';
import { describeFailedAttempts, dismissLoginAlert, loginAlert } from '../../shared/session/device';
import bannerStyles from '../../shared/ui/Banner.module.css';
import { Button } from '../../shared/ui/Button';
import { cx } from '../../shared/ui/cx';
import styles from './Layout.module.css';

/** Failed attempts to log in that the API reported at this login: shown until the user dismisses them. */
export function LoginAlert() {
  const [alert, setAlert] = useState(loginAlert);
  if (!alert) return null;
  return (
    <div className={cx(bannerStyles.banner, styles.loginAlert)} role="alert">
      <p>
        <strong>{describeFailedAttempts(alert)}.</strong> If that was not you, someone tried to guess your password; they did not get in.
      </p>
      <Button
        variant="secondary"
        small
        onClick={() => {
          dismissLoginAlert();
          setAlert(null);
        }}
      >
        Got it
      </Button>
    </div>
  );
}
