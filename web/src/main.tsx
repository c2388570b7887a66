import { getPublicConfigOptions } from '@khata/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const queryClient = new QueryClient();

function App() {
  const config = useQuery(getPublicConfigOptions());
  return (
    <main>
      <h1>Khata Pay</h1>
      <p>PhonePe payment approvals for your credit ledger.</p>
      <p>{config.isSuccess ? 'The API is up.' : 'Connecting…'}</p>
      <p>
        <a href="/api/docs">API documentation</a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
