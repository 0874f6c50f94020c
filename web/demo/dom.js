// A tiny element builder: text is always set as text, never parsed as HTML.
//   h("a", { href: "#/", class: "x", "data-testid": "y", on: { click: fn } }, "text", child, [more])

const PROPERTIES = new Set(["checked", "disabled", "selected", "required", "hidden", "value", "multiple", "readOnly"]);

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key === "class") {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

// Like replaceChildren and append, but taking what h() takes: arrays are flattened, null and false skipped.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function add(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

// An image in a fixed-ratio box; when the image cannot load (the demo catalog's image hosts do not exist offline)
// the box shows a neutral tile with the product's initial instead.
// Hosts under the names reserved for examples and tests (RFC 2606), like the built-in simulator's catalog, never
// resolve: asking would only cost a DNS lookup and a console error per image.
const RESERVED_HOST = /\.(example|invalid|test|localhost)$/i;

function isReachable(src) {
  try {
    return !RESERVED_HOST.test(new URL(src, window.location.href).hostname);
  } catch {
    return false;
  }
}

export function thumbnail(src, title, className = "thumb") {
  const box = h("div", { class: className, "data-initial": (title || "?").trim().charAt(0).toUpperCase() });
  if (!src || !isReachable(src)) {
    box.classList.add("thumb-missing");
    return box;
  }
  const img = h("img", { alt: title || "", loading: "lazy", decoding: "async" });
  img.addEventListener("error", () => {
    img.remove();
    box.classList.add("thumb-missing");
  }, { once: true });
  img.src = src;
  box.append(img);
  return box;
}

let nextID = 0;
export const uid = (prefix) => `${prefix}-${++nextID}`;

// A labelled form field; `control` gets an id if it has none.
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid("f");
  const hintEl = hint ? h("p", { class: "hint", id: uid("hint") }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, labelText), control, hintEl);
}

// Re-renders inside `container` and puts the focus back on the control that had it (matched by data-focus-key),
// so keyboard users keep their place when a cart update redraws the section.
export function keepFocus(container, redraw) {
  const key = container.contains(document.activeElement) ? document.activeElement?.dataset?.focusKey : null;
  redraw();
  if (key) container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}
