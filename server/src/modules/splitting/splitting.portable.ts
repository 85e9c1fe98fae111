import { In, type DataSource, type EntityManager } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import {
  checked,
  checkedAsync,
  idOf,
  once,
  recordAt,
  RestoreError,
  type IdMap,
  type PortableSection,
} from '../export/portable';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import { requireCurrency } from '../ledger/currency';
import { GroupSettlement } from './group-expense.entity';
import { GroupMember, SplitGroup } from './group.entity';
import type { GroupService } from './group.service';

export interface MemberRecord {
  /** Export id: expenses, splits and settlements refer to members by it. */
  id: string;
  name: string;
  email: string | null;
  iban: string | null;
  /**
   * The member is the user whose personal ledger was exported: after a restore into a personal
   * ledger, its user (their shares of the expenses are transactions of the export).
   */
  owner: boolean;
}

export interface GroupRecord {
  id: string;
  name: string;
  currency: string;
  /** In member order: the tie-break of every split and settle-up. */
  members: MemberRecord[];
}

const MEMBERS_MAX = 50;

/** The user whose personal ledger this is; null for a shared (household) ledger. */
export async function personalUserOf(
  ledgers: LedgerAccessService,
  ledgerId: number,
  manager?: EntityManager,
): Promise<number | null> {
  return (await ledgers.get(ledgerId, manager)).personalUserId;
}

/** Member and group export ids are kept per group, so that a member of another group is refused. */
export const memberKey = (groupId: number, memberExportId: unknown) =>
  `${groupId}:${String(memberExportId)}`;

export function groupOf(ids: IdMap, section: string, index: number, value: unknown): number {
  const id = ids.get('splitGroups', String(value));
  if (id === undefined) {
    throw new RestoreError(section, index, 'group', 'names no group of the export');
  }
  return id;
}

/** Bill-splitting groups with their members. */
export function splitGroupsSection(
  dataSource: DataSource,
  groups: GroupService,
  ledgers: LedgerAccessService,
): PortableSection<GroupRecord> {
  const name = 'splitGroups';
  return {
    name,
    holdsData: async (ledgerId, manager) =>
      (await manager.count(SplitGroup, { where: { ledgerId }, take: 1 })) > 0,
    export: ({ ledgerId }) =>
      once(async () => {
        const rows = await dataSource.manager.find(SplitGroup, {
          where: { ledgerId },
          order: { id: 'ASC' },
        });
        const members =
          rows.length === 0
            ? []
            : await dataSource.manager.find(GroupMember, {
                where: { groupId: In(rows.map((g) => g.id)) },
                order: { position: 'ASC', id: 'ASC' },
              });
        const owner = await personalUserOf(ledgers, ledgerId);
        return rows.map((g) => ({
          id: String(g.id),
          name: g.name,
          currency: g.currency,
          members: members
            .filter((m) => m.groupId === g.id)
            .map((m) => ({
              id: String(m.id),
              name: m.name,
              email: m.email,
              iban: m.iban,
              owner: owner !== null && m.userId === owner,
            })),
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      const owner = await personalUserOf(ledgers, scope.ledgerId, manager);
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason, idOf(record));
        const exportId = idOf(record);
        if (exportId === undefined) throw fail('id', 'is required');
        if (ids.get(name, exportId) !== undefined) throw fail('id', 'is used by another group');
        const fields = checked(name, index, record, () => ({
          name: requireText(record.name, 'name', 'Name', 100),
          currency: requireCurrency(record.currency, 'currency'),
        }));
        const members = record.members;
        if (!Array.isArray(members) || members.length === 0 || members.length > MEMBERS_MAX) {
          throw fail('members', `must list 1 to ${MEMBERS_MAX} members`);
        }
        const group = manager.create(SplitGroup, {
          ...fields,
          ledgerId: scope.ledgerId,
          createdByUserId: scope.user.id,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(SplitGroup, group);
        ids.set(name, exportId, group.id);
        for (const [position, value] of members.entries()) {
          const member = (value ?? {}) as Record<string, unknown>;
          const memberId = member.id;
          if (typeof memberId !== 'string' && typeof memberId !== 'number') {
            throw fail(`members[${position}].id`, 'is required');
          }
          if (ids.get('groupMembers', memberKey(group.id, memberId)) !== undefined) {
            throw fail(`members[${position}].id`, 'is used by another member');
          }
          const values = await memberValues(scope, owner, member, groups, {
            record,
            index,
            prefix: `members[${position}].`,
          });
          const row = manager.create(GroupMember, {
            ...values,
            groupId: group.id,
            ledgerId: scope.ledgerId,
            position,
            createdAt: now,
          });
          await manager.insert(GroupMember, row);
          ids.set('groupMembers', memberKey(group.id, memberId), row.id);
        }
      }
      return records.length;
    },
    csvColumns: [
      { name: 'id', type: 'text', value: (r) => r.id },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      {
        name: 'members',
        type: 'text',
        value: (r) => r.members.map((m) => `${m.id}:${m.name}`).join('; '),
      },
    ],
  };
}

/**
 * A member by the rules of a new member; the exported ledger's owner becomes the restoring user
 * when restored into their personal ledger (their email, their shares).
 */
async function memberValues(
  scope: LedgerScope,
  owner: number | null,
  member: Record<string, unknown>,
  groups: GroupService,
  where: { record: Record<string, unknown>; index: number; prefix: string },
) {
  if (member.owner !== undefined && typeof member.owner !== 'boolean') {
    throw new RestoreError(
      'splitGroups',
      where.index,
      `${where.prefix}owner`,
      'must be true or false',
    );
  }
  const isOwner = member.owner === true && owner === scope.user.id;
  const values = await checkedAsync('splitGroups', where.index, where.record, () =>
    groups.validateMember(
      scope,
      {
        name: member.name,
        email: isOwner ? scope.user.email : member.email,
        iban: member.iban,
      },
      where.prefix,
    ),
  );
  return isOwner ? { ...values, userId: scope.user.id } : values;
}

export function memberOf(
  ids: IdMap,
  groupId: number,
  value: unknown,
  fail: () => RestoreError,
): number {
  const id = ids.get('groupMembers', memberKey(groupId, value));
  if (id === undefined) throw fail();
  return id;
}

export async function groupCurrencies(dataSource: DataSource, ledgerId: number) {
  const groups = await dataSource.manager.find(SplitGroup, { where: { ledgerId } });
  return new Map(groups.map((g) => [g.id, g.currency]));
}

export interface SettlementRecord {
  group: string;
  from: string;
  to: string;
  amount: string;
  date: string;
}

/** Money members paid each other back. */
export function groupSettlementsSection(dataSource: DataSource): PortableSection<SettlementRecord> {
  const name = 'groupSettlements';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const [rows, currencies] = await Promise.all([
          dataSource.manager.find(GroupSettlement, { where: { ledgerId }, order: { id: 'ASC' } }),
          groupCurrencies(dataSource, ledgerId),
        ]);
        return rows.map((s) => ({
          group: String(s.groupId),
          from: String(s.fromMemberId),
          to: String(s.toMemberId),
          amount: fromMinor(
            BigInt(s.amountMinor),
            currencyDigits(currencies.get(s.groupId) ?? 'EUR'),
          ),
          date: s.date,
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      const currencies = new Map(
        (await manager.find(SplitGroup, { where: { ledgerId: scope.ledgerId } })).map((g) => [
          g.id,
          g.currency,
        ]),
      );
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason);
        const groupId = groupOf(ids, name, index, record.group);
        const from = memberOf(ids, groupId, record.from, () =>
          fail('from', 'names no member of the group'),
        );
        const to = memberOf(ids, groupId, record.to, () =>
          fail('to', 'names no member of the group'),
        );
        if (from === to) throw fail('to', 'must be another member than `from`');
        const values = checked(name, index, record, () => ({
          amountMinor: Number(
            requireAmount(
              record.amount,
              'amount',
              'Amount',
              currencyDigits(currencies.get(groupId) as string),
              'positive',
            ),
          ),
          date: requireDay(record.date, 'date'),
        }));
        await manager.insert(GroupSettlement, {
          ...values,
          groupId,
          ledgerId: scope.ledgerId,
          fromMemberId: from,
          toMemberId: to,
          createdAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'group', type: 'text', value: (r) => r.group },
      { name: 'from', type: 'text', value: (r) => r.from },
      { name: 'to', type: 'text', value: (r) => r.to },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
      { name: 'date', type: 'date', value: (r) => r.date },
    ],
  };
}
