/**
 * GraphiQL's editor (Monaco) runs its language services in web workers. Vite bundles each worker
 * from npm (the `?worker` imports), so nothing is fetched from a CDN. Same set-up as the one
 * `graphiql/setup-workers/vite` ships, kept here so it is ours to read and without its logging.
 */
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};
