import { usePageTitle } from '../app/Layout';
import { RegisterForm } from '../features/auth/RegisterForm';

export function RegisterPage() {
  usePageTitle('Create an account');
  return (
    <section className="card guest-card">
      <h1>Create an account</h1>
      <RegisterForm />
    </section>
  );
}
