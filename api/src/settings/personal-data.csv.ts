import type { PersonalDataDto } from './dto/settings.dto';

/** The CSV's columns: one table for every kind of record, so a spreadsheet opens it as it is. */
export const CSV_COLUMNS = [
  'record',
  'id',
  'at',
  'shop',
  'account_id',
  'name',
  'phone',
  'type',
  'amount',
  'balance_after',
  'status',
  'utr',
  'notes',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/**
 * One cell (RFC 4180): quoted when it holds a comma, quote or line break. Text a person typed that starts like a
 * formula (= + - @, tab, CR) gets a leading apostrophe so a spreadsheet shows it instead of running it; amounts are
 * written by the API and are left alone.
 */
export function csvCell(value: string | number | null | undefined, typed = false): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typed && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const TYPED: ReadonlySet<Column> = new Set(['shop', 'name', 'notes']);

/** The export as CSV (CRLF line ends, UTF-8 with a byte-order mark so spreadsheet programs read ₹ and Hindi names right). */
export function personalDataCsv(data: PersonalDataDto): string {
  const accounts = new Map(data.accounts.map((a) => [a.id, a]));
  const rows: Partial<Record<Column, string | number | null>>[] = [
    {
      record: 'profile',
      id: data.profile.id,
      at: data.profile.createdAt,
      shop: data.shop?.name ?? null,
      name: data.profile.name,
      phone: data.profile.phone,
      type: data.profile.role,
    },
    ...(data.shop
      ? [{ record: 'shop', id: data.shop.id, at: data.shop.createdAt, shop: data.shop.name, notes: `UPI ID ${data.shop.upiId}` }]
      : []),
    ...data.accounts.map((a) => ({
      record: 'account',
      id: a.id,
      at: a.createdAt,
      shop: a.businessName,
      account_id: a.id,
      name: a.customerName,
      phone: a.customerPhone,
      balance_after: a.currentBalance,
    })),
    ...data.entries.map((e) => ({
      record: 'entry',
      id: e.id,
      at: e.createdAt,
      shop: accounts.get(e.accountId)?.businessName ?? null,
      account_id: e.accountId,
      name: accounts.get(e.accountId)?.customerName ?? null,
      type: e.type,
      amount: e.amount,
      balance_after: e.balanceAfter,
      notes: e.notes,
    })),
    ...data.claims.map((c) => ({
      record: 'claim',
      id: c.id,
      at: c.createdAt,
      shop: accounts.get(c.accountId)?.businessName ?? null,
      account_id: c.accountId,
      name: accounts.get(c.accountId)?.customerName ?? null,
      amount: c.amount,
      status: c.status,
      utr: c.utr,
      notes: [c.notes, c.rejectionReason && `Rejected: ${c.rejectionReason}`].filter(Boolean).join(' · ') || null,
    })),
  ];
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column], TYPED.has(column))).join(',')),
  ];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
