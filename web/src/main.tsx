import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The design tokens and element defaults come first: every component's CSS Module builds on them.
import './styles/tokens.css';
import './styles/base.css';
import { App } from './app/App';
import { applyTheme } from './app/theme';
import './shared/api/client';
import { queryClient } from './shared/api/query-client';

applyTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
