import { usePageTitle } from '../app/Layout';
import { ImportWizard } from '../features/imports/ImportWizard';

export function ImportPage() {
  usePageTitle('Import');
  return (
    <section className="page">
      <div className="page-heading">
        <h1>Import a bank statement</h1>
      </div>
      <ImportWizard />
    </section>
  );
}
