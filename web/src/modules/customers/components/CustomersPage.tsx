import { listAccountsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { HeadingRow } from '../../../shared/ui/HeadingRow';
import { Phone } from '../../../shared/ui/Phone';
import { QueryState } from '../../../shared/ui/QueryState';
import text from '../../../shared/ui/text.module.css';
import { AccountLink } from '../../accounts/components/AccountLink';
import { useDebounced } from '../hooks/useDebounced';
import { AddCustomerDialog } from './AddCustomerDialog';
import styles from './CustomersPage.module.css';

/** The shop's customers, searchable by name or phone, each with what they owe. */
export function CustomersPage() {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const accounts = useQuery(listAccountsOptions({ query: { limit: 100, ...(q ? { q } : {}) } }));
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
