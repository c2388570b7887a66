import { meOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';

/** The signed-in owner's business (id, name, UPI ID, join code), from GET /me. */
export function useBusiness() {
  const me = useQuery({ ...meOptions(), staleTime: 5 * 60_000 });
  return { ...me, business: me.data?.business ?? null };
}
