import { act, render, screen } from '@testing-library/react';
import {
  ConnectionBanner,
  ConnectionProvider,
  HEALTH_RETRY_FIRST_MS,
  HEALTH_RETRY_MOST_MS,
  useConnectionState,
} from './connection';

function Page({ onRetry }: { onRetry(): void }) {
  const state = useConnectionState();
  return (
    <ConnectionProvider state={state}>
      <button type="button" onClick={() => state.setLost(true)}>
        lose
      </button>
      <ConnectionBanner onRetry={onRetry} />
    </ConnectionProvider>
  );
}

const answer = (ok: boolean) =>
  ok
    ? Promise.resolve({ ok: true, json: () => Promise.resolve({ status: 'ok' }) } as Response)
    : Promise.reject(new TypeError('Failed to fetch'));

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
    await Promise.resolve();
  });
}

let fetchMock: jest.Mock;
beforeEach(() => {
  jest.useFakeTimers();
  fetchMock = jest.fn(() => answer(false));
  global.fetch = fetchMock as unknown as typeof fetch;
});
afterEach(() => jest.useRealTimers());

function loseConnection(onRetry = jest.fn()) {
  render(<Page onRetry={onRetry} />);
  act(() => screen.getByRole('button', { name: 'lose' }).click());
  expect(screen.getByRole('alert')).toHaveTextContent('The connection to the server was lost');
  return onRetry;
}

test('the banner asks /healthz with a doubling wait, and clears itself when the server answers', async () => {
  const onRetry = loseConnection();
  expect(fetchMock).not.toHaveBeenCalled();
  await advance(HEALTH_RETRY_FIRST_MS);
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(fetchMock).toHaveBeenCalledWith('/healthz', { cache: 'no-store' });
  // The next tries come after 2 s, then 4 s: not before.
  await advance(2 * HEALTH_RETRY_FIRST_MS - 1);
  expect(fetchMock).toHaveBeenCalledTimes(1);
  await advance(1);
  expect(fetchMock).toHaveBeenCalledTimes(2);
  fetchMock.mockImplementation(() => answer(true));
  await advance(4 * HEALTH_RETRY_FIRST_MS);
  expect(fetchMock).toHaveBeenCalledTimes(3);
  await act(async () => {
    await Promise.resolve();
  });
  expect(screen.queryByRole('alert')).toBeNull();
  expect(onRetry).toHaveBeenCalledTimes(1);
});

test('the wait stops growing at its most', async () => {
  loseConnection();
  let elapsed = 0;
  for (let wait = HEALTH_RETRY_FIRST_MS; elapsed < 10 * HEALTH_RETRY_MOST_MS;) {
    await advance(wait);
    elapsed += wait;
    wait = Math.min(wait * 2, HEALTH_RETRY_MOST_MS);
  }
  const calls = fetchMock.mock.calls.length;
  await advance(HEALTH_RETRY_MOST_MS);
  expect(fetchMock.mock.calls.length).toBe(calls + 1);
});

test("the browser's online event checks at once, and a page that is not the server's does not count", async () => {
  loseConnection();
  // A static host answering its own page with 200 is not the server coming back.
  fetchMock.mockImplementation(() =>
    Promise.resolve({ ok: true, json: () => Promise.reject(new SyntaxError('<html>')) }),
  );
  await act(async () => {
    window.dispatchEvent(new Event('online'));
    await Promise.resolve();
  });
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(screen.getByRole('alert')).toBeInTheDocument();
  fetchMock.mockImplementation(() => answer(true));
  await act(async () => {
    window.dispatchEvent(new Event('online'));
    await Promise.resolve();
    await Promise.resolve();
  });
  expect(screen.queryByRole('alert')).toBeNull();
});
