import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { Money } from '../components/Money';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { formatReturn } from '../features/investments/format';
import { HoldingsTable } from '../features/investments/HoldingsTable';
import {
  DividendForm,
  PriceForm,
  PriceImport,
  SplitForm,
} from '../features/investments/PortfolioForms';
import { TradeForm, type InvestmentAccount } from '../features/investments/TradeForm';
import { TradesTable } from '../features/investments/TradesTable';
import {
  useInvestmentAccounts,
  usePortfolio,
  useTrades,
} from '../features/investments/usePortfolio';
import type { PortfolioQuery } from '../graphql/graphql';
import { formatDate } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { LoadMore } from '../components/LoadMore';
import '../features/investments/portfolio.css';

// ApexCharts is large: the charts arrive after the figures.
const PortfolioCharts = lazy(() => import('../features/investments/PortfolioCharts'));

function Stat({ label, children, note }: { label: string; children: ReactNode; note?: string }) {
  return (
    <div className="card stat">
      <h2 className="stat-label">{label}</h2>
      <p className="stat-value">{children}</p>
      {note && <p className="stat-note muted">{note}</p>}
    </div>
  );
}

function Summary({ portfolio }: { portfolio: PortfolioQuery['portfolio'] }) {
  const c = portfolio.currency;
  return (
    <div className="stat-grid">
      <Stat label="Value" note={`On ${formatDate(portfolio.to)}`}>
        <Money amount={portfolio.value} currency={c} />
      </Stat>
      <Stat label="Unrealised gain" note={`Cost ${formatMoney(portfolio.costBasis, c)}`}>
        <Money amount={portfolio.unrealizedGain} currency={c} />
      </Stat>
      <Stat label="Realised gain" note="Sells in the period">
        <Money amount={portfolio.realizedGain} currency={c} />
      </Stat>
      <Stat label="Dividends" note="In the period">
        <Money amount={portfolio.dividendIncome} currency={c} />
      </Stat>
      <Stat
        label="Time-weighted return"
        note={`Total ${formatReturn(portfolio.totalReturn)} · money-weighted ${formatReturn(portfolio.moneyWeightedReturn)} a year`}
      >
        <span className="return-value">{formatReturn(portfolio.timeWeightedReturn)}</span>
      </Stat>
    </div>
  );
}

function Period({
  accounts,
  accountId,
  from,
  to,
  onChange,
}: {
  accounts: InvestmentAccount[];
  accountId: string;
  from: string;
  to: string;
  onChange: (next: { accountId: string; from: string; to: string }) => void;
}) {
  const id = useId();
  return (
    <div className="portfolio-filter" role="search" aria-label="Account and period">
      <div className="field">
        <label htmlFor={`${id}-account`}>Account</label>
        <select
          id={`${id}-account`}
          value={accountId}
          onChange={(e) => onChange({ accountId: e.target.value, from, to })}
        >
          <option value="">All investment accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          onChange={(e) => onChange({ accountId, from: e.target.value, to })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={to}
          onChange={(e) => onChange({ accountId, from, to: e.target.value })}
        />
      </div>
    </div>
  );
}

export function PortfolioPage() {
  usePageTitle('Portfolio');
  const [view, setView] = useState({ accountId: '', from: '', to: '' });
  const accountsQuery = useInvestmentAccounts();
  const portfolioQuery = usePortfolio({
    accountId: view.accountId || null,
    from: view.from || null,
    to: view.to || null,
  });
  const tradesQuery = useTrades(view.accountId || null);
  const accounts: InvestmentAccount[] = (accountsQuery.data?.accounts ?? []).filter(
    (a) => a.type === 'INVESTMENT' && !a.archived,
  );

  let body: ReactNode;
  if (!accountsQuery.data && accountsQuery.loading) body = <Loading label="Loading portfolio…" />;
  else if (!accountsQuery.data) {
    body = <ErrorState error={accountsQuery.error} onRetry={() => void accountsQuery.refetch()} />;
  } else if (accounts.length === 0) {
    body = (
      <EmptyState title="No investment account yet">
        <p>
          Open an account of type <strong>Investment</strong> on the{' '}
          <Link to="/accounts">Accounts</Link> page; then record your buys and sells here.
        </p>
      </EmptyState>
    );
  } else {
    const data = portfolioQuery.data;
    const trades = tradesQuery.data?.trades;
    body = (
      <>
        <Period accounts={accounts} {...view} onChange={setView} />
        {!data && portfolioQuery.loading ? (
          <Loading label="Valuing holdings…" />
        ) : !data ? (
          <ErrorState error={portfolioQuery.error} onRetry={() => void portfolioQuery.refetch()} />
        ) : (
          <>
            <Summary portfolio={data.portfolio} />
            <section className="card card-flush" aria-labelledby="holdings-heading">
              <div className="card-heading">
                <h2 id="holdings-heading">Holdings</h2>
              </div>
              {data.portfolio.holdings.length === 0 ? (
                <p className="muted card-pad">Nothing held yet: add a buy below.</p>
              ) : (
                <HoldingsTable
                  holdings={data.portfolio.holdings}
                  currency={data.portfolio.currency}
                />
              )}
            </section>
            <Suspense fallback={<Loading label="Loading charts…" />}>
              <PortfolioCharts data={data} />
            </Suspense>
          </>
        )}
        <div className="grid-2">
          <section className="card" aria-labelledby="trade-heading">
            <h2 id="trade-heading">Buy or sell</h2>
            <TradeForm accounts={accounts} />
          </section>
          <section className="card" aria-labelledby="dividend-heading">
            <h2 id="dividend-heading">Dividend</h2>
            <DividendForm accounts={accounts} />
          </section>
          <section className="card" aria-labelledby="price-heading">
            <h2 id="price-heading">Prices</h2>
            <PriceForm />
            <hr className="divider" />
            <PriceImport />
          </section>
          <section className="card" aria-labelledby="split-heading">
            <h2 id="split-heading">Split</h2>
            <SplitForm accounts={accounts} />
          </section>
        </div>
        <section className="card card-flush" aria-labelledby="trades-heading">
          <div className="card-heading">
            <h2 id="trades-heading">Trades</h2>
            {trades && <span className="muted">{trades.totalCount} in all</span>}
          </div>
          {!trades ? (
            tradesQuery.loading ? (
              <Loading label="Loading trades…" />
            ) : (
              <ErrorState error={tradesQuery.error} onRetry={() => void tradesQuery.refetch()} />
            )
          ) : trades.nodes.length === 0 ? (
            <p className="muted card-pad">No trades yet.</p>
          ) : (
            <>
              <TradesTable trades={trades.nodes} accounts={accounts} />
              <LoadMore
                pageInfo={trades.pageInfo}
                loading={tradesQuery.loading}
                onMore={(after) => void tradesQuery.fetchMore({ variables: { after } })}
              />
            </>
          )}
        </section>
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Portfolio</h1>
      </div>
      {body}
    </section>
  );
}
