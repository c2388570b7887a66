import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useState } from 'react';
import { useWaiting, waitingWords } from './connection';
import { createIdempotency, idempotentMutationOptions, type IdempotentVariables, type WithoutKey } from './idempotency';

/**
 * Any action that changes something (approve, reject, join, ...): a tap while it is in flight sends nothing, and
 * `waiting` says in words when it is held up by the connection (offline, or slow for a few seconds), so no button
 * spins in silence. Show it with `<SendingNote>` (shared/ui) beside the action's button.
 *
 *   const cancel = useAction({ ...cancelPaymentMutation(), onSuccess: ... });
 */
export function useAction<TData, TError, TVariables, TContext = unknown>(options: UseMutationOptions<TData, TError, TVariables, TContext>) {
  const mutation = useMutation(options);
  const mutate: typeof mutation.mutate = (...args) => {
    if (!mutation.isPending) mutation.mutate(...args);
  };
  const waiting = waitingWords(useWaiting(mutation));
  return { ...mutation, mutate, waiting };
}

/**
 * A mutation that must happen once however often it is sent (a payment claim, a ledger entry): one
 * Idempotency-Key per intended operation, reused when the same body is sent again (a retry after a network error
 * replays the first answer), new after a success. Otherwise a `useAction` (single flight, `waiting`).
 *
 *   const submit = useIdempotentMutation(submitPaymentMutation(), { onSuccess: ... });
 *   submit.mutate({ body });
 */
export function useIdempotentMutation<TData, TError, TVariables extends IdempotentVariables, TContext = unknown>(
  generated: UseMutationOptions<TData, TError, TVariables>,
  options: Omit<UseMutationOptions<TData, TError, WithoutKey<TVariables>, TContext>, 'mutationFn'> = {},
) {
  const [idempotency] = useState(createIdempotency);
  return useAction(idempotentMutationOptions(generated, options, idempotency));
}
