import { usePageTitle } from '../app/Layout';
import { LoginForm } from '../features/auth/LoginForm';

export function LoginPage() {
  usePageTitle('Log in');
  return (
    <section className="card guest-card">
      <h1>Log in</h1>
      <LoginForm />
    </section>
  );
}
