import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AuthService } from './modules/auth/auth.service';
import { SessionService } from './modules/auth/session.service';
import { BudgetService } from './modules/budgets/budget.service';
import { CategoryService } from './modules/categories/category.service';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { ExpenseService } from './modules/expenses/expense.service';
import { UserService } from './modules/users/user.service';

/** One instance of each service per server, wired to one database. */
export function createServices(dataSource: DataSource, config: Pick<Config, 'scryptLogN'>) {
  const categories = new CategoryService(dataSource);
  const users = new UserService(dataSource, categories, config.scryptLogN);
  const sessions = new SessionService(dataSource);
  const budgets = new BudgetService(dataSource, categories);
  return {
    dataSource,
    categories,
    users,
    sessions,
    auth: new AuthService(users, sessions, config.scryptLogN),
    expenses: new ExpenseService(dataSource, categories),
    budgets,
    dashboard: new DashboardService(dataSource, budgets),
  };
}

export type Services = ReturnType<typeof createServices>;
