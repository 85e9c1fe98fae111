import type { Router } from 'express';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import type { Services } from '../../services';
import { writeCalendar } from './calendar';

/** How far ahead the feed lists bills: calendar apps poll it, so the window keeps moving. */
const FEED_DAYS = 90;

/**
 * `GET /api/calendar/<token>.ics`: the owner's upcoming bills (personal ledger). The secret in
 * the URL is the only credential (calendar apps send no cookies); it is stored only as a hash
 * and revoked by making a new one or revoking it in Settings.
 */
export function calendarRoutes(router: Router, services: Services): void {
  router.get('/api/calendar/:file', async (req, res, next) => {
    try {
      const match = /^([A-Za-z0-9_-]+)\.ics$/.exec(req.params.file);
      const userId = match ? await services.settings.userByCalendarToken(match[1]) : null;
      const user = userId === null ? null : await services.users.findById(userId);
      if (!user) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      const scope = await services.ledgers.scope(user, null, 'read');
      const bills = await services.bills.upcoming(scope, FEED_DAYS);
      const body = writeCalendar(
        'Bills',
        bills.map((bill) => ({
          uid: `bill-${bill.rule.id}-${bill.date}@personal-finance`,
          date: bill.date,
          summary: `${bill.rule.name}: ${fromMinor(BigInt(bill.amountMinor), currencyDigits(bill.rule.currency))} ${bill.rule.currency}`,
          description: bill.rule.payee ?? undefined,
        })),
        new Date(),
      );
      res
        .status(200)
        .set('Cache-Control', 'private, no-store')
        .type('text/calendar; charset=utf-8')
        .send(body);
    } catch (error) {
      next(error);
    }
  });
}
