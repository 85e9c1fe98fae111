/**
 * GraphiQL 5 draws each query tab as role="tab" with its select and close buttons inside it,
 * which assistive technology cannot operate (axe: nested-interactive). The tabs become a
 * toolbar of plain buttons instead, the current one marked with aria-current. React leaves
 * these attributes alone after the first render (it only writes the props that change), so a
 * MutationObserver re-applies the fix to new tabs and to selection changes.
 */
export function makeTabsAccessible(root: HTMLElement): () => void {
  const patch = () => {
    for (const list of root.querySelectorAll('[role="tablist"]')) {
      list.setAttribute('role', 'toolbar');
      list.setAttribute('aria-label', 'Query tabs');
    }
    for (const tab of root.querySelectorAll<HTMLElement>('.graphiql-tab')) {
      const selected = tab.getAttribute('aria-selected');
      if (tab.getAttribute('role') === 'tab') tab.setAttribute('role', 'none');
      if (selected !== null) {
        tab.removeAttribute('aria-selected');
        tab
          .querySelector('.graphiql-tab-button')
          ?.setAttribute('aria-current', selected === 'true' ? 'true' : 'false');
      }
    }
  };
  patch();
  const observer = new MutationObserver(patch);
  observer.observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected'],
  });
  return () => observer.disconnect();
}
