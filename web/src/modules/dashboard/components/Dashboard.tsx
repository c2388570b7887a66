import { getPublicConfigOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { ErrorNote } from '../../../shared/ui/ErrorNote';
import { HeadingRow } from '../../../shared/ui/HeadingRow';
import { QueryState } from '../../../shared/ui/QueryState';
import { TwoColumns } from '../../../shared/ui/TwoColumns';
import { useMe } from '../hooks/useMe';
import { DevelopersLink } from '../../developers/components/DevelopersLink';
import { WebhooksOffNote } from '../../developers/components/WebhooksOffNote';
import { JoinCodeCard } from './JoinCodeCard';
import { RecentActivity } from './RecentActivity';
import { Stats } from './Stats';
import { TestPaymentButton } from './TestPaymentButton';

/** The shopkeeper's home: what is waiting, what is owed, what happened lately, and the join code. */
export function Dashboard() {
  const me = useMe();
  const config = useQuery({ ...getPublicConfigOptions(), staleTime: Infinity });
  return (
    <QueryState query={me}>
      {({ business }) =>
        business ? (
          <>
            <HeadingRow>
              <h1>{business.name}</h1>
              {config.data?.devEndpoints && <TestPaymentButton />}
            </HeadingRow>
            <WebhooksOffNote />
            <Stats />
            <TwoColumns>
              <RecentActivity />
              <JoinCodeCard businessId={business.id} />
            </TwoColumns>
            <DevelopersLink />
          </>
        ) : (
          <ErrorNote error={me.error} onRetry={() => void me.refetch()} />
        )
      }
    </QueryState>
  );
}
