import { joinBusinessMutation, listAccountsOptions, previewJoinOptions } from '@khata/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, navigate, useLocation } from '../../../app/router';
import { formProblem } from '../../../shared/api/field-errors';
import { problemCode } from '../../../shared/api/problems';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { Button, buttonClass } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { forgetJoinCode, isCompleteJoinCode, joinCodeHint, normaliseJoinCode, pendingJoinCode } from '../utils/join-code';
import styles from './JoinPage.module.css';
import { JoinPreview } from './JoinPreview';

/** The customer joins a shop by its join code, or claims the account a shop made for them by its invite code. */
export function JoinPage() {
  const { query } = useLocation();
  const fromLink = query.get('code') ?? pendingJoinCode() ?? '';
  const [code, setCode] = useState(normaliseJoinCode(fromLink));
  const queryClient = useQueryClient();

  // Whose code is it? Asked once the code is complete, so the customer knows which shop they are joining.
  const complete = isCompleteJoinCode(code);
  const preview = useQuery({
    ...previewJoinOptions({ query: { joinCode: normaliseJoinCode(code) } }),
    enabled: complete,
    retry: false,
    staleTime: Infinity,
  });

  // An invite of a shop the customer already has an account with: joining merges the two into the invited one.
  const merging = complete && preview.isSuccess && preview.data.canMerge;

  const join = useMutation({
    ...joinBusinessMutation(),
    onSuccess: async (account, variables) => {
      forgetJoinCode();
      await refreshMoneyQueries(queryClient);
      notify(variables.body.merge ? `Your accounts with ${account.businessName} are now one.` : `You joined ${account.businessName}.`);
      navigate(`/accounts/${account.id}`);
    },
  });

  // A code of a shop the customer is already with (the link opened again after joining): the way in is to open it.
  const linked =
    complete &&
    ((preview.isSuccess && preview.data.alreadyLinked && !preview.data.canMerge) || problemCode(join.error) === 'ALREADY_LINKED');
  const accounts = useQuery({ ...listAccountsOptions({ query: { limit: 100 } }), enabled: linked });
  const existing = linked ? accounts.data?.items.find((a) => a.businessId === preview.data?.businessId && !a.mergedInto) : undefined;

  // The code is the form's one field: why it was refused goes beside it (the preview's answer first, then the join's).
  const problem = formProblem(join.isError ? join.error : complete && preview.isError ? preview.error : null, ['joinCode']);

  useEffect(() => {
    if (linked) forgetJoinCode(); // nothing is waiting any more: the next login goes home
  }, [linked]);

  function submit(event: FormEvent) {
    event.preventDefault();
    join.mutate({ body: { joinCode: normaliseJoinCode(code), ...(merging ? { merge: true } : {}) } });
  }

  return (
    <>
      <h1>Join a shop</h1>
      <p>Enter the code your shop gave you, or scan the QR code at the counter.</p>
      <form className={cx(card.card, formClass)} onSubmit={submit}>
        <Field label="Join code" id="join-code" hint={joinCodeHint()} error={linked ? null : problem.fields.joinCode}>
          <input
            id="join-code"
            required
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => {
              setCode(e.target.value.toUpperCase());
              join.reset(); // a new code: the last answer was about the old one
            }}
            aria-describedby="join-code-hint"
            className={styles.codeInput}
          />
        </Field>
        {complete && preview.isSuccess && <JoinPreview preview={preview.data} />}
        {problem.rest && !linked && <FormError>{problem.rest}</FormError>}
        {existing ? (
          <Link to={`/accounts/${existing.id}`} className={buttonClass({ variant: 'primary' })}>
            Open {existing.businessName}
          </Link>
        ) : linked ? (
          accounts.isSuccess && (
            <Link to="/" className={buttonClass({ variant: 'primary' })}>
              Open my accounts
            </Link>
          )
        ) : (
          <Button variant="primary" type="submit" disabled={join.isPending || code.trim() === ''}>
            {join.isPending ? 'Joining…' : merging ? 'Merge into one account' : 'Join'}
          </Button>
        )}
      </form>
    </>
  );
}
