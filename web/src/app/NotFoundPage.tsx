import { buttonClass } from '../shared/ui/Button';
import styles from './NotFoundPage.module.css';
import { Link } from './router';

/**
 * An address that names nothing here (a mistyped path, a link cut short, an id that is not one or is not yours):
 * said plainly, with the way home. Never the validation text of the API, never a "Try again" that cannot work.
 */
export function NotFoundPage({ what = 'page', home = 'Go to the home page' }: { what?: string; home?: string }) {
  return (
    <section className={styles.page} aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{what === 'page' ? 'Page not found' : `This ${what} was not found`}</h1>
      <p>
        {what === 'page'
          ? 'There is nothing at this address. The link may be old or mistyped.'
          : `The link may be old or mistyped, or the ${what} is not one of yours.`}
      </p>
      <Link to="/" className={buttonClass({ variant: 'primary' })}>
        {home}
      </Link>
    </section>
  );
}
