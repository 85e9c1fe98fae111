import type { GraphiQLProps } from 'graphiql';

/**
 * GraphiQL's requests go to our /graphql with the session cookie, as JSON (which Apollo's CSRF
 * protection accepts), so the playground acts as the signed-in user.
 */
export const sessionFetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...options?.headers,
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return {
      errors: [{ message: `The server answered ${response.status}: ${text.slice(0, 200)}` }],
    };
  }
};
