/**
 * Plain links: the browser streams the file to disk with the session cookie, so a large export
 * never passes through the page's memory.
 */
export function ExportDownloads() {
  return (
    <>
      <p className="muted">
        Everything you keep here: accounts, transactions, categories, budgets, targets and exchange
        rates. The JSON file can be restored later; the CSV zip opens in a spreadsheet.
      </p>
      <div className="form-actions">
        <a className="button" href="/api/export?format=json" download>
          Export all data (JSON)
        </a>
        <a className="button button-secondary" href="/api/export?format=csv" download>
          Export as CSV (zip)
        </a>
      </div>
    </>
  );
}
