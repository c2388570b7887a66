import { ApiKeys1795880000000 } from './1795880000000-ApiKeys';
import { Initial1795778358422 } from './1795778358422-Initial';
import { PaymentEventsNotify1795780000000 } from './1795780000000-PaymentEventsNotify';
import { PaymentStats1795790000000 } from './1795790000000-PaymentStats';
import { LedgerIntegrity1795800000000 } from './1795800000000-LedgerIntegrity';
import { AccountMerges1795810000000 } from './1795810000000-AccountMerges';
import { AccountDisplayName1795820000000 } from './1795820000000-AccountDisplayName';
import { LedgerReading1795830000000 } from './1795830000000-LedgerReading';
import { EventLog1795840000000 } from './1795840000000-EventLog';
import { AbuseGuards1795860000000 } from './1795860000000-AbuseGuards';
import { Collections1795865000000 } from './1795865000000-Collections';
import { LedgerIndexes1795866000000 } from './1795866000000-LedgerIndexes';
import { AccountSettings1795870000000 } from './1795870000000-AccountSettings';
import { Webhooks1795890000000 } from './1795890000000-Webhooks';
import { WebhookClaims1795900000000 } from './1795900000000-WebhookClaims';

/** Every migration, in order (no file globs). */
export const MIGRATIONS: Function[] = [
  Initial1795778358422,
  PaymentEventsNotify1795780000000,
  PaymentStats1795790000000,
  LedgerIntegrity1795800000000,
  AccountMerges1795810000000,
  AccountDisplayName1795820000000,
  LedgerReading1795830000000,
  EventLog1795840000000,
  AbuseGuards1795860000000,
  Collections1795865000000,
  LedgerIndexes1795866000000,
  AccountSettings1795870000000,
  ApiKeys1795880000000,
  Webhooks1795890000000,
  WebhookClaims1795900000000,
];
