import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { fromMinor, money } from '../../lib/money';
import { requireAmount, requireDay } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { decodeCursor, encodeCursor, requirePageSize, type Page } from '../ledger/pagination';
import { EPC_MAX_CENTS, epcPayload, epcQrDataUrl } from './epc-qr';
import { GroupSettlement } from './group-expense.entity';
import type { GroupService } from './group.service';
import type { GroupSettlementView, GroupView, PaymentRequest } from './splitting.types';

export interface SettlementFields {
  groupId?: unknown;
  fromMemberId?: unknown;
  toMemberId?: unknown;
  amount?: unknown;
  date?: unknown;
}

/** Money paid back between members, and the requests that ask for it. */
export class SettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupService,
  ) {}

  record(scope: LedgerScope, fields: SettlementFields): Promise<GroupView> {
    return inTransaction(this.dataSource, async (manager) => {
      const row = await this.validate(scope, fields, manager);
      await manager.insert(GroupSettlement, { ...row, createdAt: new Date() });
      return (await this.groups.views(scope.ledgerId, [row.group], manager))[0];
    });
  }

  update(scope: LedgerScope, id: string, fields: SettlementFields): Promise<GroupSettlementView> {
    return inTransaction(this.dataSource, async (manager) => {
      const before = await this.get(scope.ledgerId, id, manager);
      if (String(fields.groupId) !== String(before.groupId)) {
        throw badInput('groupId', 'A settlement cannot move to another group');
      }
      const { group, ...row } = await this.validate(scope, fields, manager);
      await manager.update(GroupSettlement, { id: before.id }, row);
      return (await this.views(group.currency, [{ ...before, ...row }], manager))[0];
    });
  }

  delete(scope: LedgerScope, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const settlement = await this.get(scope.ledgerId, id, manager);
      await manager.delete(GroupSettlement, { id: settlement.id });
      return true;
    });
  }

  /** Newest first, by (date, id). */
  async list(
    ledgerId: number,
    groupId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<GroupSettlementView>> {
    const size = requirePageSize(first);
    const cursor = decodeCursor(after);
    const manager = this.dataSource.manager;
    const group = await this.groups.get(ledgerId, groupId, manager);
    const query = () =>
      manager
        .createQueryBuilder(GroupSettlement, 's')
        .where('s.ledgerId = :ledgerId AND s.groupId = :groupId', { ledgerId, groupId: group.id });
    const page = query()
      .orderBy('s.date', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .take(size + 1);
    if (cursor) page.andWhere('(s.date < :date OR (s.date = :date AND s.id < :id))', cursor);
    const [rows, totalCount] = await Promise.all([page.getMany(), query().getCount()]);
    const nodes = await this.views(group.currency, rows.slice(0, size), manager);
    return {
      nodes,
      totalCount,
      hasNextPage: rows.length > size,
      endCursor: nodes.length ? encodeCursor(rows[nodes.length - 1]) : null,
    };
  }

  /**
   * What `from` should pay `to`: the amount given, else their suggested settle-up transfer. The
   * text and a mailto: link to share; for a euro group and a payee with an IBAN, the EPC QR code
   * (EPC069-12) that banking apps scan to fill in a SEPA credit transfer.
   */
  async paymentRequest(
    ledgerId: number,
    groupId: string,
    fromMemberId: string,
    toMemberId: string,
    amount?: string | null,
  ): Promise<PaymentRequest> {
    const group = await this.groups.view(ledgerId, groupId);
    const from = group.members.find((m) => String(m.id) === String(fromMemberId));
    const to = group.members.find((m) => String(m.id) === String(toMemberId));
    if (!from) throw badInput('fromMemberId', 'The payer must be a member of this group');
    if (!to) throw badInput('toMemberId', 'The payee must be a member of this group');
    if (from.id === to.id) throw badInput('toMemberId', 'Choose another member to pay');
    const digits = currencyDigits(group.currency);
    let minor: bigint;
    if (amount !== undefined && amount !== null && amount !== '') {
      minor = requireAmount(amount, 'amount', 'Amount', digits, 'positive');
    } else {
      const suggested = group.settlements.find((t) => t.from.id === from.id && t.to.id === to.id);
      if (!suggested) {
        throw badInput('toMemberId', `${from.name} owes ${to.name} nothing in the settle-up`);
      }
      minor = suggested.amount.minor;
    }
    const formatted = fromMinor(minor, digits);
    const text =
      `${from.name}, please pay ${formatted} ${group.currency} to ${to.name} for "${group.name}".` +
      (to.iban ? ` IBAN: ${to.iban.replace(/(.{4})(?=.)/g, '$1 ')}` : '');
    const link = from.email
      ? `mailto:${encodeURIComponent(from.email)}?subject=${encodeURIComponent(
          `${group.name}: payment to ${to.name}`,
        )}&body=${encodeURIComponent(text)}`
      : null;
    let payload: string | null = null;
    // Past the format's largest amount a QR would be refused by the bank: the text still asks.
    if (group.currency === 'EUR' && to.iban && minor <= EPC_MAX_CENTS) {
      payload = epcPayload({
        name: to.name,
        iban: to.iban,
        amount: formatted,
        remittance: `${group.name}: from ${from.name}`,
      });
    }
    return {
      text,
      link,
      epcPayload: payload,
      epcQr: payload === null ? null : await epcQrDataUrl(payload),
      amount: money(minor, digits),
    };
  }

  private async get(ledgerId: number, id: string, manager: EntityManager) {
    const numericId = parseId(id);
    const found =
      numericId === null
        ? null
        : await manager.findOne(GroupSettlement, { where: { id: numericId, ledgerId } });
    if (!found) throw notFound('Settlement');
    return found;
  }

  private async validate(scope: LedgerScope, fields: SettlementFields, manager: EntityManager) {
    const group = await this.groups.get(scope.ledgerId, fields.groupId, manager, 'groupId');
    const members = await this.groups.members(group.id, manager);
    const from = members.find((m) => String(m.id) === String(fields.fromMemberId));
    const to = members.find((m) => String(m.id) === String(fields.toMemberId));
    if (!from) throw badInput('fromMemberId', 'The payer must be a member of this group');
    if (!to) throw badInput('toMemberId', 'The payee must be a member of this group');
    if (from.id === to.id) throw badInput('toMemberId', 'A member cannot pay themselves');
    const amountMinor = requireAmount(
      fields.amount,
      'amount',
      'Amount',
      currencyDigits(group.currency),
      'positive',
    );
    return {
      group,
      groupId: group.id,
      ledgerId: scope.ledgerId,
      fromMemberId: from.id,
      toMemberId: to.id,
      amountMinor: Number(amountMinor),
      date: requireDay(fields.date, 'date'),
    };
  }

  private async views(
    currency: string,
    rows: GroupSettlement[],
    manager: EntityManager,
  ): Promise<GroupSettlementView[]> {
    if (rows.length === 0) return [];
    const members = await this.groups.members(rows[0].groupId, manager);
    const views = await this.groups.memberViews(members);
    const digits = currencyDigits(currency);
    return rows.map((r) => ({
      id: r.id,
      from: views.get(r.fromMemberId)!,
      to: views.get(r.toMemberId)!,
      amount: money(r.amountMinor, digits),
      date: r.date,
    }));
  }
}
