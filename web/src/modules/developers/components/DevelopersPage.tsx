import { WebhooksSection } from './WebhooksSection';

/** For the shop's developers: how other systems hear about and act on the shop's payments. */
export function DevelopersPage() {
  return (
    <>
      <h1>Developers</h1>
      <WebhooksSection />
    </>
  );
}
