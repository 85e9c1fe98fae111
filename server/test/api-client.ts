/** Talks to the server over HTTP like a browser or a script would, keeping its own cookies. */
export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string }; path?: string[] }[];
}

export class ApiClient {
  readonly cookies = new Map<string, string>();
  /** Sent with every GraphQL request, e.g. X-Ledger-Id as the web app's ledger switcher does. */
  readonly headers: Record<string, string> = {};

  constructor(readonly url: string) {}

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...this.cookieHeader() },
      body: JSON.stringify({ query, variables }),
    });
    this.keepCookies(response);
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  }

  /** Like gql, but fails the test on any error and returns the data. */
  async data<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const result = await this.gql<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }

  /** An HTML form post; redirects are not followed, so the test sees the 302 itself. */
  async form(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<{
    status: number;
    location: string | null;
    flash: { kind: string; message: string } | null;
  }> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...this.cookieHeader(),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
    return this.redirectOf(response);
  }

  async get(path: string): Promise<{
    status: number;
    location: string | null;
    flash: { kind: string; message: string } | null;
  }> {
    const response = await fetch(`${this.url}${path}`, {
      redirect: 'manual',
      headers: this.cookieHeader(),
    });
    return this.redirectOf(response);
  }

  private redirectOf(response: Response) {
    this.keepCookies(response);
    const raw = this.cookies.get('flash');
    this.cookies.delete('flash');
    return {
      status: response.status,
      location: response.headers.get('location'),
      flash: raw
        ? (JSON.parse(decodeURIComponent(raw)) as { kind: string; message: string })
        : null,
    };
  }
}
