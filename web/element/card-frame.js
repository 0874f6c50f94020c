// The card frame: CartBridge's page inside the storefront's iframe. It holds the card fields, encrypts the card to
// the cart's payment-session key and sets it on the cart, all on CartBridge's origin. It talks only to the one
// parent origin CartBridge validated (data-parent-origin), and sends it nothing but field states and the masked
// card the server answered.
import {
  MESSAGES, SERVER_CODES, brandName, cvcState, expiryState, formatExpiry, formatNumber, nameState, numberState,
} from "./card-checks.js";
import { encryptJSON } from "./card-jwe.js";

const PARENT_ORIGIN = document.documentElement.dataset.parentOrigin;
const PROVIDER_ID = document.documentElement.dataset.providerId;
const ID_SHAPE = /^[A-Za-z0-9_-]{1,100}$/;
const REQUEST_DEADLINE_MS = 20000;

const form = document.getElementById("card");
const fields = {
  number: form.elements.number, name: form.elements.name, expiry: form.elements.expiry, cvc: form.elements.cvc,
};
const brandLabel = form.querySelector("[data-testid=card-brand]");
const errorLine = form.querySelector("[data-testid=card-error]");
const savedLine = form.querySelector("[data-testid=card-saved]");

let port = null;
let cart = null; // {id, publishableKey}
let sessionKey = null; // {jwk, kid}
let keyLoaded = null; // settles when the first key fetch has
let savedCard = null; // the masked card the server holds for this cart, once set from here
let busy = false;
const touched = new Set();
const warnedOrigins = new Set();

// ---- Handshake: only the embedding window, only from the validated origin -------------------------------------

if (window.parent !== window) {
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || event.origin !== PARENT_ORIGIN) {
      // Once per origin: pages where other scripts post to every frame would fill the console otherwise.
      if (!warnedOrigins.has(event.origin)) {
        warnedOrigins.add(event.origin);
        console.warn("CartBridge card frame: ignored messages from another window or origin:", event.origin);
      }
      return;
    }
    const data = event.data;
    if (port || data?.type !== "cartbridge:init" || !event.ports[0]) return;
    if (typeof data.cartId !== "string" || !ID_SHAPE.test(data.cartId)) return;
    port = event.ports[0];
    port.onmessage = (message) => onCommand(message.data);
    cart = { id: data.cartId, publishableKey: typeof data.publishableKey === "string" ? data.publishableKey : null };
    applyStyle(data.style);
    form.hidden = false;
    keyLoaded = load();
    new ResizeObserver(() => post({ type: "resize", height: Math.ceil(document.documentElement.scrollHeight) }))
      .observe(document.body);
  });
  window.parent.postMessage({ type: "cartbridge:ready", v: 1 }, PARENT_ORIGIN);
}

function post(message) {
  port?.postMessage(message);
}

const STYLE_PROPERTIES = ["--cb-font", "--cb-text", "--cb-muted", "--cb-border", "--cb-accent", "--cb-error",
  "--cb-background"];

function applyStyle(style) {
  if (!style || typeof style !== "object") return;
  for (const name of STYLE_PROPERTIES) {
    const value = style[name];
    if (typeof value === "string" && value.length <= 100 && !/url\(|[;{}]/i.test(value)) {
      document.documentElement.style.setProperty(name, value);
    }
  }
}

async function onCommand(command) {
  switch (command?.type) {
    case "submit":
      post({ type: "result", id: command.id, ...(await submit()) });
      break;
    case "showError":
      clearFields();
      savedCard = null;
      savedLine.hidden = true;
      showMessage(typeof command.message === "string" ? command.message.slice(0, 500) : MESSAGES.payment_unavailable);
      fields.number.focus();
      break;
    case "clear":
      clearFields();
      showMessage("");
      break;
  }
}

// ---- The session's key -------------------------------------------------------------------------------------

async function load() {
  if (!window.isSecureContext || !crypto?.subtle) {
    return unavailable("insecure_context");
  }
  try {
    sessionKey = await fetchSessionKey();
    post({ type: "loaded", ok: true });
  } catch (error) {
    unavailable(error.code ?? "payment_unavailable", error.message);
  }
}

function unavailable(code, message = MESSAGES[code]) {
  const line = document.querySelector("[data-testid=card-unavailable]");
  line.textContent = message;
  line.hidden = false;
  form.hidden = true;
  post({ type: "loaded", ok: false, error: { code, message } });
}

// The cart's CartBridge session holds the key; a cart without one gets its sessions made (Medusa's own call).
async function fetchSessionKey() {
  let body = await api("GET", "");
  let session = providerSession(body.cart);
  if (!session) {
    body = await api("POST", "/payment-sessions");
    session = providerSession(body.cart);
  }
  const jwk = session?.data?.public_key;
  const kid = jwk?.kid ?? session?.data?.kid;
  if (!jwk?.n || !jwk?.e || !kid) throw failure("no_payment_session");
  return { jwk, kid };
}

function providerSession(cartBody) {
  const sessions = cartBody?.payment_sessions ?? [];
  return sessions.find((session) => session.provider_id === PROVIDER_ID) ?? null;
}

// ---- Fields ------------------------------------------------------------------------------------------------

// `final` on submit: what could still grow while typing is judged as it stands.
function states(final) {
  const number = numberState(fields.number.value, final);
  return {
    number,
    name: nameState(fields.name.value),
    expiry: expiryState(fields.expiry.value, new Date(), final),
    cvc: cvcState(fields.cvc.value, number.brand),
  };
}

function refresh({ showIncomplete = false } = {}) {
  const current = states(showIncomplete);
  const empty = Object.values(current).every((state) => state.empty);
  let shown = null;
  for (const [name, state] of Object.entries(current)) {
    // While typing, "incomplete" is not an error yet; after leaving the field (or on submit) it is.
    const visible = state.error && (showIncomplete || touched.has(name) || !state.error.startsWith("incomplete"))
      && !(state.empty && !showIncomplete);
    fields[name].setAttribute("aria-invalid", visible ? "true" : "false");
    if (visible && !shown) shown = state.error;
  }
  brandLabel.textContent = brandName(current.number.brand);
  showMessage(shown ? MESSAGES[shown] : "");
  const complete = Object.values(current).every((state) => !state.error);
  post({ type: "change", complete, empty, brand: current.number.brand, error: shown });
  return { current, complete, shown };
}

function showMessage(text) {
  errorLine.textContent = text;
}

function clearFields() {
  for (const field of Object.values(fields)) {
    field.value = "";
    field.setAttribute("aria-invalid", "false");
  }
  touched.clear();
  brandLabel.textContent = "";
}

fields.number.addEventListener("input", () => {
  const digits = fields.number.value.replace(/\D/g, "").slice(0, 19);
  if (fields.number.selectionStart === fields.number.value.length) fields.number.value = formatNumber(digits);
  refresh();
});
fields.expiry.addEventListener("input", (event) => {
  if (event.inputType !== "deleteContentBackward") fields.expiry.value = formatExpiry(fields.expiry.value);
  refresh();
});
fields.cvc.addEventListener("input", () => {
  fields.cvc.value = fields.cvc.value.replace(/\D/g, "");
  refresh();
});
fields.name.addEventListener("input", () => refresh());
for (const [name, field] of Object.entries(fields)) {
  field.addEventListener("blur", () => {
    if (field.value !== "") touched.add(name);
    refresh();
  });
}
form.addEventListener("submit", (event) => event.preventDefault());

// ---- Submit: encrypt, set on the cart ------------------------------------------------------------------------

async function submit() {
  if (busy) return { error: { code: "busy", message: "The card is being saved." } };
  busy = true;
  try {
    return await submitCard();
  } finally {
    busy = false;
  }
}

async function submitCard() {
  const untouched = Object.values(fields).every((field) => field.value === "");
  if (untouched && savedCard) {
    // Only while the cart still holds it: a TTL, a dropped session or a decline elsewhere removes it.
    if (await cartStillHolds(savedCard)) return { card: savedCard };
    savedCard = null;
    savedLine.hidden = true;
  }
  const { current, complete, shown } = refresh({ showIncomplete: true });
  if (!complete) {
    focusFirstInvalid();
    return { error: { code: shown, message: MESSAGES[shown] } };
  }
  await keyLoaded;
  if (!sessionKey) {
    return { error: { code: "no_payment_session", message: MESSAGES.no_payment_session } };
  }
  try {
    const card = {
      number: current.number.digits, name: fields.name.value.trim(), verification_value: fields.cvc.value,
      month: current.expiry.month, year: current.expiry.year,
    };
    const masked = await setCard(card);
    clearFields();
    savedCard = masked;
    savedLine.textContent = `${brandName(masked.brand) || "Card"} ending in ${masked.last4} will be charged.`;
    savedLine.hidden = false;
    showMessage("");
    return { card: masked };
  } catch (error) {
    const code = SERVER_CODES[error.code] ?? error.code ?? "payment_unavailable";
    const message = MESSAGES[code] ?? error.message ?? MESSAGES.payment_unavailable;
    showMessage(message);
    const field = { invalid_number: "number", card_expired: "expiry", invalid_expiry: "expiry", incomplete_cvc: "cvc" }[code];
    if (field) {
      fields[field].setAttribute("aria-invalid", "true");
      fields[field].focus();
    }
    return { error: { code, message } };
  }
}

// One retry when the key was rotated away meanwhile: fetch the session's current key and encrypt again.
async function setCard(card) {
  for (let attempt = 0; ; attempt++) {
    const jwe = await encryptJSON(sessionKey.jwk, sessionKey.kid, card);
    try {
      const body = await api("POST", `/payment-sessions/${encodeURIComponent(PROVIDER_ID)}`,
        { data: { encrypted_card: jwe } });
      const masked = providerSession(body.cart)?.data?.card;
      if (!masked) throw failure("payment_unavailable");
      return { brand: masked.brand, last4: masked.last4, exp_month: masked.exp_month, exp_year: masked.exp_year };
    } catch (error) {
      if (error.code !== "unknown_card_key" || attempt > 0) throw error;
      sessionKey = await fetchSessionKey();
    }
  }
}

async function cartStillHolds(card) {
  try {
    const held = providerSession((await api("GET", "")).cart)?.data?.card;
    return held?.last4 === card.last4 && held?.brand === card.brand;
  } catch {
    return false;
  }
}

function focusFirstInvalid() {
  Object.values(fields).find((field) => field.getAttribute("aria-invalid") === "true")?.focus();
}

// ---- CartBridge's store API, same origin -----------------------------------------------------------------------

function failure(code, message = MESSAGES[code]) {
  return Object.assign(new Error(message), { code });
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body) headers["Content-Type"] = "application/json";
  if (cart.publishableKey) headers["x-publishable-api-key"] = cart.publishableKey;
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(`/store/carts/${encodeURIComponent(cart.id)}${path}`, {
        method, headers, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin",
        cache: "no-store", signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
      });
    } catch {
      throw failure("network_error");
    }
    // Another request holds the cart for a moment: Medusa's 409, which its own client retries too.
    if (response.status === 409 && attempt < 2) {
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
      continue;
    }
    const answer = await response.json().catch(() => null);
    if (response.ok) return answer;
    if (response.status === 429) throw failure("rate_limited");
    if (response.status >= 500) throw failure("payment_unavailable");
    throw failure(answer?.code ?? "invalid_request", answer?.message ?? MESSAGES.payment_unavailable);
  }
}
