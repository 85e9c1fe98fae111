import { Link } from 'react-router';
import { LogoutButton, usePageTitle } from '../app/Layout';
import { ExportDownloads } from '../features/export/ExportDownloads';
import { RestoreExport } from '../features/export/RestoreExport';
import { SecurityEvents } from '../features/security/SecurityEvents';
import { TwoFactor } from '../features/security/TwoFactor';
import { CalendarFeed } from '../features/settings/CalendarFeed';
import { PasswordForm } from '../features/settings/PasswordForm';
import { ProfileForm } from '../features/settings/ProfileForm';
import { RemindersForm } from '../features/settings/RemindersForm';
import { TimeZoneForm } from '../features/settings/TimeZoneForm';
import { Webhooks } from '../features/webhooks/Webhooks';

export function SettingsPage() {
  usePageTitle('Settings');
  return (
    <section className="page">
      <h1>Settings</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <ProfileForm />
        </section>
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <PasswordForm />
        </section>
        <section className="card" aria-labelledby="time-zone-heading">
          <h2 id="time-zone-heading">Time zone</h2>
          <TimeZoneForm />
        </section>
        <section className="card" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading">Bill reminders</h2>
          <RemindersForm />
        </section>
        <section className="card" aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">Bills calendar feed</h2>
          <CalendarFeed />
        </section>
        <section className="card" aria-labelledby="two-factor-heading">
          <h2 id="two-factor-heading">Two-factor sign-in</h2>
          <TwoFactor />
        </section>
        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          <p className="muted">
            Let scripts read or change your data through the API, each with its own token that you
            can revoke.
          </p>
          <Link to="/settings/tokens" className="button button-secondary">
            Manage API tokens
          </Link>
        </section>
        <section className="card" aria-labelledby="webhooks-heading">
          <h2 id="webhooks-heading">Webhooks</h2>
          <Webhooks />
        </section>
        <section className="card" aria-labelledby="export-heading">
          <h2 id="export-heading">Export all data</h2>
          <ExportDownloads />
        </section>
        <section className="card" aria-labelledby="restore-heading">
          <h2 id="restore-heading">Restore from an export</h2>
          <RestoreExport />
        </section>
        <section className="card" aria-labelledby="session-heading">
          <h2 id="session-heading">Session</h2>
          <p className="muted">Log out of this browser. Your data stays on the server.</p>
          <LogoutButton />
        </section>
        <section className="card card-flush grid-span" aria-labelledby="events-heading">
          <h2 id="events-heading">Recent security activity</h2>
          <SecurityEvents />
        </section>
      </div>
    </section>
  );
}
