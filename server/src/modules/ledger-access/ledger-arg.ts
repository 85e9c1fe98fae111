/**
 * The optional `ledgerId` argument every query and mutation takes; resolvers hand it to
 * `ctx.ledger(access, ledgerId)`, the one place that decides which ledger a request acts on.
 */
export const ledgerArg = { nullable: true, description: "Default: the caller's personal ledger" };
