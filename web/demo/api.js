// The Medusa v1 Store API client: JSON in and out, Medusa's error envelope ({type, message, code?}) turned into an
// ApiError, one retry of a 409 (cart busy), and aria-busy on <main> while anything runs.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `The shop answered ${status}.`);
    this.status = status;
    this.type = body?.type ?? null;
    this.code = body?.code ?? null;
  }
}

let running = 0;

function setBusy() {
  document.querySelector("main")?.setAttribute("aria-busy", running > 0 ? "true" : "false");
}

// Runs `work` with <main aria-busy=true>; nested calls keep it set until the outermost one ends, so a view can
// cover its requests and the rendering that follows them.
export async function busy(work) {
  running++;
  setBusy();
  try {
    return await work();
  } finally {
    running--;
    setBusy();
  }
}

// An event handler that keeps <main> busy until it has finished, redrawing included.
export const whileBusy = (handler) => (...args) => busy(() => handler(...args));

const CART_BUSY_RETRY_MS = 700;

// POST and DELETE always carry a JSON body, as medusa-js sends. `idempotencyKey` is sent as Idempotency-Key.
export function request(method, path, { body, idempotencyKey } = {}) {
  return busy(async () => {
    const send = () => {
      const headers = { Accept: "application/json" };
      if (method !== "GET") headers["Content-Type"] = "application/json";
      if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
      return fetch(path, {
        method,
        headers,
        body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
        credentials: "same-origin",
      });
    };
    let response;
    try {
      response = await send();
      if (response.status === 409) {
        await new Promise((resolve) => setTimeout(resolve, CART_BUSY_RETRY_MS));
        response = await send();
      }
    } catch {
      throw new ApiError(0, { type: "network_error", message: "The shop could not be reached. Check your connection and try again." });
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { message: text };
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  });
}

export const get = (path) => request("GET", path);
export const post = (path, body, options = {}) => request("POST", path, { ...options, body });
export const del = (path) => request("DELETE", path);

export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
