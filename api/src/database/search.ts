/**
 * A search box's text as a literal ILIKE pattern. A number is searched as its digits, so "98765 43210",
 * "+91 98765 43210" and "098765 43210" all find "+919876543210" (and spaced UTRs find theirs).
 */
export function searchPattern(q: string): string {
  const compact = q.replace(/[\s-]/g, '');
  const text = /^\+?\d+$/.test(compact) ? compact.replace(/^(\+?91|0)(?=\d{10}$)/, '') : q;
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
