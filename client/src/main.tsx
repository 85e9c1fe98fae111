import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './app/apollo';
import { App, type AppEvents } from './app/App';
import { takeFlashCookie } from './app/flash';
import './app/theme.css';
import './app/noscript.css';

const events: AppEvents = {
  unauthenticated: () => window.location.assign('/login'),
  connectionLost: () => {},
  connectionOk: () => {},
  ledgerLost: () => {},
};
const client = createApolloClient({
  onUnauthenticated: () => events.unauthenticated(),
  onConnectionLost: () => events.connectionLost(),
  onConnectionOk: () => events.connectionOk(),
  onLedgerLost: () => events.ledgerLost(),
});

const root = document.getElementById('root') as HTMLElement;
createRoot(root).render(
  <StrictMode>
    <App client={client} events={events} initialFlash={takeFlashCookie()} />
  </StrictMode>,
);
