import styles from './CustomersPage.module.css';

export type CustomerSort = 'recent' | 'owed' | 'oldestDue';

export const SORTS: { value: CustomerSort; label: string }[] = [
  { value: 'recent', label: 'Recent' },
  { value: 'owed', label: 'Most owed' },
  { value: 'oldestDue', label: 'Owing longest' },
];

export function toSort(value: string | null): CustomerSort {
  return SORTS.some((s) => s.value === value) ? (value as CustomerSort) : 'recent';
}

/** How the customers are ordered: newest first, most owed first, or owing the longest first. */
export function SortChoice({ sort, onChange }: { sort: CustomerSort; onChange: (sort: CustomerSort) => void }) {
  return (
    <div className={styles.sorts} role="group" aria-label="Sort customers">
      {SORTS.map((s) => (
        <button key={s.value} type="button" className={styles.chip} aria-pressed={sort === s.value} onClick={() => onChange(s.value)}>
          {s.label}
        </button>
      ))}
    </div>
  );
}
