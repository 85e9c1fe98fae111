import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { FlashMessage, FlashProvider } from '../src/app/flash';
import { UserProvider, type CurrentUser } from '../src/app/session';

export const USER: CurrentUser = {
  __typename: 'User',
  id: '1',
  firstname: 'Ada',
  lastname: 'Lovelace',
  email: 'ada@example.com',
  username: 'ada',
  currency: 'USD',
} as CurrentUser;

function WhereAmI() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Renders `ui` at `path` as the app would: Apollo (with the given mocked answers), the router,
 * the flash message area and, unless `user` is null, a signed-in user.
 */
export function renderPage(
  ui: ReactElement,
  {
    mocks = [],
    path = '/',
    user = USER,
  }: { mocks?: MockLink.MockedResponse[]; path?: string; user?: CurrentUser | null } = {},
) {
  const page = (
    <>
      <FlashMessage />
      {ui}
    </>
  );
  return render(
    <MockedProvider mocks={mocks}>
      <FlashProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="*"
              element={user ? <UserProvider user={user}>{page}</UserProvider> : page}
            />
          </Routes>
          <WhereAmI />
        </MemoryRouter>
      </FlashProvider>
    </MockedProvider>,
  );
}
