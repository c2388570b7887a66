import { Initial1795778358422 } from './1795778358422-Initial';
import { PaymentEventsNotify1795780000000 } from './1795780000000-PaymentEventsNotify';
import { PaymentStats1795790000000 } from './1795790000000-PaymentStats';
import { EventLog1795840000000 } from './1795840000000-EventLog';

/** Every migration, in order (no file globs). */
export const MIGRATIONS: Function[] = [
  Initial1795778358422,
  PaymentEventsNotify1795780000000,
  PaymentStats1795790000000,
  EventLog1795840000000,
];
