import { getPaymentStatsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../../../app/router';
import { formatRupees } from '../../../shared/format/money';
import { QueryState } from '../../../shared/ui/QueryState';
import { Collections } from './Collections';
import { Stat } from './Stat';
import styles from './Stats.module.css';

/** What is waiting (the way to Pending), what customers owe, what came in today, this week and this month. */
export function Stats() {
  const stats = useQuery(getPaymentStatsOptions());
  return (
    <QueryState query={stats}>
      {(s) => (
        <>
          <Link to="/pending" className={styles.pending}>
            <span className={styles.label}>Pending payments</span>
            <span className={styles.count}>{s.pendingCount}</span>
            <span>{s.pendingCount > 0 ? `${formatRupees(s.pendingTotal)} to check` : 'Nothing to check'}</span>
          </Link>
          <div className={styles.grid}>
            <Stat label="To receive" amount={s.receivableTotal}>
              what customers owe in all
            </Stat>
            <Stat label="Approved today" amount={s.approvedTodayTotal}>
              {s.approvedTodayCount === 1 ? '1 payment' : `${s.approvedTodayCount} payments`}
            </Stat>
          </div>
          <Collections collected={s.collected} />
        </>
      )}
    </QueryState>
  );
}
