import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchSetupStatus } from './api/auth';
import { prefetchMe } from './api/me';
import { queryClient } from './queryClient';

// Every screen waits for these two answers, and the screens would ask one after the other (setup, then who is signed
// in) and only once the language has loaded: asked here, at once, they are on their way beside the language file.
// index.html preloads both while the scripts download; these fetches take the preloaded answers.
void prefetchSetupStatus(queryClient);
void prefetchMe(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
