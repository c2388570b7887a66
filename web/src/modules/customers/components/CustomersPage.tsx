import { listAccountsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { navigate, useLocation } from '../../../app/router';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { HeadingRow } from '../../../shared/ui/HeadingRow';
import { Phone } from '../../../shared/ui/Phone';
import { QueryState } from '../../../shared/ui/QueryState';
import text from '../../../shared/ui/text.module.css';
import { AccountLink } from '../../accounts/components/AccountLink';
import { WaitingClaims } from '../../accounts/components/WaitingClaims';
import { useDebounced } from '../hooks/useDebounced';
import { dueSinceInWords } from '../utils/due-since';
import { AddCustomerDialog } from './AddCustomerDialog';
import styles from './CustomersPage.module.css';
import { SortChoice, toSort, type CustomerSort } from './SortChoice';

/**
 * The shop's customers, searchable by name or phone, each with what they owe and since when; ordered newest first,
 * most owed first or owing the longest first (`?sort=` in the URL, so a reload or a shared link keeps it).
 */
export function CustomersPage() {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const sort = toSort(useLocation().query.get('sort'));
  const setSort = (next: CustomerSort) => navigate(next === 'recent' ? '/customers' : `/customers?sort=${next}`, { replace: true });
  const accounts = useQuery(listAccountsOptions({ query: { limit: 100, sort, ...(q ? { q } : {}) } }));
  const [adding, setAdding] = useState(false);
  return (
    <>
      <HeadingRow>
        <h1>Customers</h1>
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add customer
        </Button>
      </HeadingRow>
      <Field label="Search by name or phone" id="customer-search" className={styles.search}>
        <input id="customer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Field>
      <SortChoice sort={sort} onChange={setSort} />
      <QueryState
        query={accounts}
        isEmpty={(page) => page.items.length === 0}
        empty={q ? `No customer matches “${q}”.` : 'No customers yet. Add one, or share your join code.'}
      >
        {(page) => (
          <ul className={card.cards}>
            {page.items.map((account) => (
              <AccountLink
                key={account.id}
                to={`/customers/${account.id}`}
                title={account.customerName}
                details={
                  <span className={cx(text.muted, text.small, text.block)}>
                    <Phone number={account.customerPhone} />
                    {!account.claimed && ' · not joined yet'}
                    {account.dueSince && ` · ${dueSinceInWords(account.dueSince)}`}
                    <WaitingClaims amount={account.pendingTotal} who="they" className={styles.waiting} />
                  </span>
                }
                balance={account.currentBalance}
                who="they"
              />
            ))}
          </ul>
        )}
      </QueryState>
      <AddCustomerDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
