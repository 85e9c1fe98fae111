/** Text for HTML: every character that could open markup or end an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A labelled input of the original app's forms. */
export function field(id: string, label: string, name: string, attributes = ''): string {
  return (
    `<div class="field"><label for="${id}">${escapeHtml(label)}</label>` +
    `<input id="${id}" name="${name}" ${attributes} /></div>`
  );
}

export function form(action: string, button: string, fields: string[]): string {
  return (
    `<form method="post" action="${action}" class="form">${fields.join('')}` +
    `<button type="submit">${escapeHtml(button)}</button></form>`
  );
}

export function card(id: string, heading: string, body: string, level = 2): string {
  return (
    `<section class="card" aria-labelledby="${id}"><h${level} id="${id}">${escapeHtml(heading)}</h${level}>` +
    `${body}</section>`
  );
}
