import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useNavigate } from 'react-router';
import { FlashMessage, FlashProvider, FlashRouteWatcher, takeFlashCookie, useFlash } from './flash';

afterEach(() => {
  document.cookie = 'flash=; Max-Age=0; Path=/';
});

test('the message the server moved into a meta tag is read once, before any cookie', () => {
  const meta = document.createElement('meta');
  meta.name = 'flash';
  meta.content = JSON.stringify({ kind: 'error', message: 'Invalid username or password' });
  document.head.append(meta);
  expect(takeFlashCookie()).toEqual({ kind: 'error', message: 'Invalid username or password' });
  expect(document.querySelector('meta[name="flash"]')).toBeNull();
  expect(takeFlashCookie()).toBeNull();
});

test("reads the server's flash cookie once and clears it", () => {
  document.cookie = `flash=${encodeURIComponent(
    JSON.stringify({ kind: 'success', message: 'Expense added successfully!' }),
  )}; Path=/`;
  expect(takeFlashCookie()).toEqual({ kind: 'success', message: 'Expense added successfully!' });
  expect(document.cookie).not.toContain('flash=');
  expect(takeFlashCookie()).toBeNull();
});

test('ignores a malformed or foreign flash cookie', () => {
  document.cookie = 'flash=%7Bnot-json; Path=/';
  expect(takeFlashCookie()).toBeNull();
  document.cookie = `flash=${encodeURIComponent(JSON.stringify({ kind: 'html', message: 'x' }))}; Path=/`;
  expect(takeFlashCookie()).toBeNull();
});

test('shows the message as text, and it can be dismissed', async () => {
  render(
    <FlashProvider initial={{ kind: 'error', message: '<img src=x onerror=alert(1)>' }}>
      <FlashMessage />
    </FlashProvider>,
  );
  expect(screen.getByTestId('flash')).toHaveTextContent('<img src=x onerror=alert(1)>');
  expect(document.querySelector('img')).toBeNull();
  await userEvent.click(screen.getByRole('button', { name: 'Dismiss message' }));
  expect(screen.queryByTestId('flash')).toBeNull();
});

function Controls() {
  const { show } = useFlash();
  const navigate = useNavigate();
  return (
    <>
      <button onClick={() => show({ kind: 'success', message: 'Saved', carry: true })}>
        carry
      </button>
      <button onClick={() => show({ kind: 'error', message: 'Refused' })}>stay</button>
      <button onClick={() => navigate(`/page-${Math.random()}`)}>go</button>
    </>
  );
}

test('a message survives the navigation it was sent with, and goes with the next one', async () => {
  render(
    <FlashProvider>
      <MemoryRouter>
        <FlashRouteWatcher />
        <FlashMessage />
        <Controls />
      </MemoryRouter>
    </FlashProvider>,
  );
  const click = (name: string) => userEvent.click(screen.getByRole('button', { name }));
  await click('carry');
  await click('go');
  expect(screen.getByTestId('flash')).toHaveTextContent('Saved');
  await click('go');
  expect(screen.queryByTestId('flash')).toBeNull();

  await click('stay');
  expect(screen.getByTestId('flash')).toHaveTextContent('Refused');
  await click('go');
  expect(screen.queryByTestId('flash')).toBeNull();
});
