import '../features/playground/monaco-workers';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useEffect, useRef } from 'react';
import { usePageTitle } from '../app/Layout';
import { makeTabsAccessible } from '../features/playground/accessible-tabs';
import { sessionFetcher } from '../features/playground/fetcher';
import '../features/playground/playground.css';

const EXAMPLE = `# The API as you, with your session. Run it with the play button (or Ctrl+Enter).
# The docs are behind the book icon on the left.
query ThisMonth {
  me {
    username
    currency
  }
  dashboard {
    month
    budget
    spent
    savings
  }
}
`;

/** GraphiQL, bundled from npm, in its own chunk that loads only here. */
export default function PlaygroundPage() {
  usePageTitle('Playground');
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => (container.current ? makeTabsAccessible(container.current) : undefined), []);
  return (
    <section className="page page-wide">
      <h1 className="visually-hidden">GraphQL playground</h1>
      <div className="playground" ref={container}>
        <GraphiQL fetcher={sessionFetcher} defaultQuery={EXAMPLE} />
      </div>
    </section>
  );
}
