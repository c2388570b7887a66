import { joinBusinessMutation, previewJoinOptions } from '@khata/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { forgetJoinCode, normaliseJoinCode, pendingJoinCode } from '../shared/join-code';
import { refreshMoneyQueries } from '../shared/lists';
import { describeError } from '../shared/problems';
import { navigate, useLocation } from '../shared/router';
import { Field, notify } from '../shared/ui';

export function JoinPage() {
  const { query } = useLocation();
  const fromLink = query.get('code') ?? pendingJoinCode() ?? '';
  const [code, setCode] = useState(normaliseJoinCode(fromLink));
  const queryClient = useQueryClient();
  const join = useMutation({
    ...joinBusinessMutation(),
    onSuccess: async (account) => {
      forgetJoinCode();
      await refreshMoneyQueries(queryClient);
      notify(merging ? `Your accounts with ${account.businessName} are now one.` : `You joined ${account.businessName}.`);
      navigate(`/accounts/${account.id}`);
    },
  });

  // Whose code is it? Asked once the code is complete, so the customer knows which shop they are joining.
  const complete = /^[2-9A-HJ-NP-Z]{8}$|^[2-9A-HJ-NP-Z]{10}$/.test(normaliseJoinCode(code));
  const preview = useQuery({
    ...previewJoinOptions({ query: { joinCode: normaliseJoinCode(code) } }),
    enabled: complete,
    retry: false,
    staleTime: Infinity,
  });

  // An invite of a shop the customer already has an account with: joining merges the two into the invited one.
  const merging = complete && preview.isSuccess && preview.data.canMerge;

  function submit(event: FormEvent) {
    event.preventDefault();
    join.mutate({ body: { joinCode: normaliseJoinCode(code), ...(merging ? { merge: true } : {}) } });
  }

  return (
    <>
      <h1>Join a shop</h1>
      <p>Enter the code your shop gave you, or scan the QR code at the counter.</p>
      <form className="card form" onSubmit={submit}>
        <Field label="Join code" id="join-code" hint="8 letters and digits, like K7M3Q9TX">
          <input
            id="join-code"
            required
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            aria-describedby="join-code-hint"
            className="code-input"
          />
        </Field>
        {complete && preview.isSuccess && (
          <p className="join-preview" role="status">
            {preview.data.canMerge ? (
              <>
                <strong>{preview.data.businessName}</strong> added you as {preview.data.accountName}, and you already have an account there.
                Joining makes them one account: your balance there moves to this one, and its history stays.
              </>
            ) : preview.data.alreadyLinked ? (
              <>
                You already have an account with <strong>{preview.data.businessName}</strong>.
              </>
            ) : preview.data.kind === 'invite' ? (
              <>
                <strong>{preview.data.businessName}</strong> added you as {preview.data.accountName}: joining links that account and its
                ledger to you.
              </>
            ) : (
              <>
                This is the code of <strong>{preview.data.businessName}</strong>.
              </>
            )}
          </p>
        )}
        {complete && preview.isError && !join.isError && (
          <p className="form-error" role="alert">
            {describeError(preview.error)}
          </p>
        )}
        {join.isError && (
          <p className="form-error" role="alert">
            {describeError(join.error)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={join.isPending || code.trim() === ''}>
          {join.isPending ? 'Joining…' : merging ? 'Merge into one account' : 'Join'}
        </button>
      </form>
    </>
  );
}
