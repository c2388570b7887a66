import { meOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';

/** The signed-in user with the owner's business (id, name, UPI ID, join code), from GET /me. */
export function useMe() {
  return useQuery({ ...meOptions(), staleTime: 5 * 60_000 });
}
