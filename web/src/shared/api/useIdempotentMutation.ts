import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useState } from 'react';
import { createIdempotency, idempotentMutationOptions, type IdempotentVariables, type WithoutKey } from './idempotency';

/**
 * A mutation that must happen once however often it is sent (a payment claim, a ledger entry): one
 * Idempotency-Key per intended operation, reused when the same body is sent again (a retry after a network error
 * replays the first answer), new after a success. A tap while the first is in flight sends nothing.
 *
 *   const submit = useIdempotentMutation(submitPaymentMutation(), { onSuccess: ... });
 *   submit.mutate({ body });
 */
export function useIdempotentMutation<TData, TError, TVariables extends IdempotentVariables, TContext = unknown>(
  generated: UseMutationOptions<TData, TError, TVariables>,
  options: Omit<UseMutationOptions<TData, TError, WithoutKey<TVariables>, TContext>, 'mutationFn'> = {},
) {
  const [idempotency] = useState(createIdempotency);
  const mutation = useMutation(idempotentMutationOptions(generated, options, idempotency));
  const mutate: typeof mutation.mutate = (...args) => {
    if (!mutation.isPending) mutation.mutate(...args);
  };
  return { ...mutation, mutate };
}
