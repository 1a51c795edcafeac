// Building DOM without innerHTML: every text goes in through textContent, so nothing the server sends is
// ever interpreted as HTML.

/**
 * el('p', { class: 'note', dataset: { testid: 'x' } }, 'text', otherNode)
 * Attributes with the value false, null or undefined are left out; true gives an empty attribute.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'text') {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** Text with blank-line paragraph breaks ("\n\n") as <p> elements. */
export function paragraphs(text, attributes = {}) {
  return String(text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => el('p', attributes, paragraph));
}

/** A small button that loads the page again. */
export function reloadButton(label) {
  const button = el('button', { type: 'button', class: 'button button--small' }, label);
  button.addEventListener('click', () => window.location.reload());
  return button;
}

/**
 * The page's fixed parts in a language: lang on <html>, the text of each [data-i18n] element and the aria-label of
 * each [data-i18n-aria-label] element from the texts `t` (by the key the attribute names), and aria-pressed on the
 * language buttons ([data-language]).
 */
export function translatePage(t, language) {
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = t[element.dataset.i18n];
    if (typeof text === 'string') {
      element.textContent = text;
    }
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t[element.dataset.i18nAriaLabel]);
  }
  for (const button of document.querySelectorAll('[data-language]')) {
    button.setAttribute('aria-pressed', String(button.dataset.language === language));
  }
}

export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`missing element #${id}`);
  }
  return element;
}
