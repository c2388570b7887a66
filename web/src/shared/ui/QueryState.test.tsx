import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { QueryState, type QueryLike } from './QueryState';

const query = (over: Partial<QueryLike<string[]>>): QueryLike<string[]> => ({
  status: 'success',
  data: undefined,
  error: null,
  refetch: () => undefined,
  ...over,
});

function render(q: QueryLike<string[]>) {
  return renderToStaticMarkup(
    <QueryState query={q} loading="Loading the ledger…" isEmpty={(items) => items.length === 0} empty="No entries yet.">
      {(items) => (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </QueryState>,
  );
}

describe('a read in its four states', () => {
  it('says what is loading', () => {
    const html = render(query({ status: 'pending' }));
    expect(html).toContain('role="status"');
    expect(html).toContain('Loading the ledger…');
  });

  it('explains an error in words, with a way to try again', () => {
    const html = render(query({ status: 'error', error: new TypeError('Failed to fetch') }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('No connection. Check your internet and try again.');
    expect(html).toContain('Try again');
  });

  it('says when there is nothing, and shows the data otherwise', () => {
    expect(render(query({ data: [] }))).toContain('No entries yet.');
    const html = render(query({ data: ['Credit given', 'Payment received'] }));
    expect(html).toBe('<ul><li>Credit given</li><li>Payment received</li></ul>');
  });
});
