import { RestoreError, recordAt, type PortableSection } from '../export/portable';
import type { UserService } from './user.service';

export interface UserRecord {
  firstname: string;
  lastname: string;
  email: string;
  username: string;
  /** The reporting currency: budgets, targets and reporting amounts are in it. */
  currency: string;
}

/**
 * Who exported, and the settings that travel with the data. A restore applies the settings
 * (the currency) to the ledger restored into (a personal ledger's is its owner's); names, email
 * and username stay the restoring user's.
 */
export function userSection(users: UserService): PortableSection<UserRecord> {
  const name = 'user';
  return {
    name,
    single: true,
    async *export({ user }) {
      yield [
        {
          firstname: user.firstname,
          lastname: user.lastname,
          email: user.email,
          username: user.username,
          currency: user.currency,
        },
      ];
    },
    async restore(records, context) {
      const record = recordAt(name, records, 0);
      let currency: string;
      try {
        currency = await users.restoreSettings(context.scope, record, context.manager);
      } catch (error) {
        const field = (error as { field?: string }).field ?? null;
        if (error instanceof Error && error.name === 'AppError') {
          throw new RestoreError(name, null, field, error.message);
        }
        throw error;
      }
      // Later sections read amounts in this currency.
      context.scope = { ...context.scope, user: { ...context.scope.user, currency } };
      return 1;
    },
    csvColumns: [
      { name: 'firstname', type: 'text', value: (r) => r.firstname },
      { name: 'lastname', type: 'text', value: (r) => r.lastname },
      { name: 'email', type: 'text', value: (r) => r.email },
      { name: 'username', type: 'text', value: (r) => r.username },
      { name: 'currency', type: 'text', value: (r) => r.currency },
    ],
  };
}
