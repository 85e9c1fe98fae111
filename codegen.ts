import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads the committed schema.graphql from disk (no running server needed) and the client's
// .graphql documents, and writes typed documents for Apollo Client's own hooks.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/graphql/': {
      preset: 'client',
      // Fragments only name shared selections: components read the fields they were given, so
      // the query's data type holds the fragment's fields (no useFragment unmasking).
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { Decimal: 'string', Date: 'string', Month: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
