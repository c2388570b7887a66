import {
  createTestPaymentMutation,
  getBusinessOptions,
  getPaymentStatsOptions,
  getPublicConfigOptions,
  listPaymentsOptions,
  meQueryKey,
  regenerateJoinCodeMutation,
} from '@khata/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { refreshMoneyQueries } from '../shared/lists';
import { formatRupees } from '../shared/money';
import { describeError } from '../shared/problems';
import { Link } from '../shared/router';
import { copyText, Dialog, Empty, ErrorNote, Loading, Money, notify } from '../shared/ui';
import { PaymentRow } from './PaymentRow';
import { useBusiness } from './useBusiness';

export function joinLink(code: string): string {
  return `${window.location.origin}/join?code=${encodeURIComponent(code)}`;
}

export async function shareJoinLink(code: string, businessName: string) {
  const url = joinLink(code);
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({
        title: `Join ${businessName} on Khata Pay`,
        text: `Join ${businessName} on Khata Pay with code ${code}`,
        url,
      });
      return;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
    }
  }
  notify((await copyText(url)) ? 'Link copied. Paste it in WhatsApp or SMS.' : `Could not copy. The link is ${url}`);
}

function Stats() {
  const stats = useQuery(getPaymentStatsOptions());
  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorNote error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  return (
    <>
      <Link to="/pending" className={`pending-button ${s.pendingCount > 0 ? 'has-pending' : ''}`}>
        <span className="label">Pending payments</span>
        <span className="count">{s.pendingCount}</span>
        <span className="total">{s.pendingCount > 0 ? `${formatRupees(s.pendingTotal)} to check` : 'Nothing to check'}</span>
      </Link>
      <div className="stat-grid">
        <div className="card stat">
          <span className="muted">To receive</span>
          <strong className="big">
            <Money amount={s.receivableTotal} />
          </strong>
          <span className="muted small">what customers owe in all</span>
        </div>
        <div className="card stat">
          <span className="muted">Approved today</span>
          <strong className="big">
            <Money amount={s.approvedTodayTotal} />
          </strong>
          <span className="muted small">{s.approvedTodayCount === 1 ? '1 payment' : `${s.approvedTodayCount} payments`}</span>
        </div>
      </div>
    </>
  );
}

function JoinCodeCard({ businessId }: { businessId: string }) {
  const queryClient = useQueryClient();
  const business = useQuery(getBusinessOptions({ path: { businessId } }));
  const [confirming, setConfirming] = useState(false);
  const regenerate = useMutation({
    ...regenerateJoinCodeMutation(),
    onSuccess: (updated) => {
      queryClient.setQueryData(getBusinessOptions({ path: { businessId } }).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: meQueryKey() });
      setConfirming(false);
      notify(`New join code: ${updated.joinCode}. The old code no longer works.`);
    },
  });
  if (business.isPending) return <Loading />;
  if (business.isError) return <ErrorNote error={business.error} onRetry={() => void business.refetch()} />;
  const code = business.data.joinCode ?? '';
  return (
    <section className="card join-card" aria-labelledby="join-heading">
      <h2 id="join-heading">Your join code</h2>
      <p>Customers scan this or type the code to connect with {business.data.name}.</p>
      <div className="join-body">
        <QRCodeSVG
          value={joinLink(code)}
          size={148}
          marginSize={2}
          role="img"
          aria-label={`QR code with the link to join ${business.data.name}`}
        />
        <div>
          <p className="join-code">{code}</p>
          <p className="small break">{joinLink(code)}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => void shareJoinLink(code, business.data.name)}>
              Share link
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirming(true)}>
              New code
            </button>
          </div>
        </div>
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Make a new join code?">
        <p>The current code {code} will stop working. Customers already connected stay connected.</p>
        {regenerate.isError && (
          <p className="form-error" role="alert">
            {describeError(regenerate.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            Keep current code
          </button>
          <button
            type="button"
            className="button primary"
            disabled={regenerate.isPending}
            onClick={() => regenerate.mutate({ path: { businessId } })}
          >
            Make new code
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function TestPaymentButton() {
  const queryClient = useQueryClient();
  const create = useMutation({
    ...createTestPaymentMutation(),
    onSuccess: (payment) => notify(`Test payment of ${formatRupees(payment.amount)} from ${payment.customerName} is waiting in Pending.`),
    onError: (error) => notify(describeError(error)),
    onSettled: () => refreshMoneyQueries(queryClient),
  });
  return (
    <button type="button" className="button secondary" disabled={create.isPending} onClick={() => create.mutate({})}>
      {create.isPending ? 'Creating…' : 'Test payment'}
    </button>
  );
}

function RecentActivity() {
  const recent = useQuery(listPaymentsOptions({ query: { limit: 5 } }));
  return (
    <section aria-labelledby="recent-heading">
      <div className="row">
        <h2 id="recent-heading">Recent activity</h2>
        <Link to="/history">All payments</Link>
      </div>
      {recent.isPending ? (
        <Loading />
      ) : recent.isError ? (
        <ErrorNote error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.data.items.length === 0 ? (
        <Empty>No payments yet. Share your join code so customers can connect and pay.</Empty>
      ) : (
        <ul className="cards compact">
          {recent.data.items.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function Dashboard() {
  const { business, isPending, isError, error, refetch } = useBusiness();
  const config = useQuery({ ...getPublicConfigOptions(), staleTime: Infinity });
  if (isPending) return <Loading />;
  if (isError || !business) return <ErrorNote error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <div className="row">
        <h1>{business.name}</h1>
        {config.data?.devEndpoints && <TestPaymentButton />}
      </div>
      <Stats />
      <div className="two-columns">
        <RecentActivity />
        <JoinCodeCard businessId={business.id} />
      </div>
    </>
  );
}
