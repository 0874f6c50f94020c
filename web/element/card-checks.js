// Card checks, the same as CartBridge's own (Sources/CardCrypto/CardValidation.swift), so the shopper hears about a
// mistake while typing instead of after a round trip. Pure functions: no DOM, no network.

export const digitsOf = (text) => text.replace(/[\s-]/g, "");

export function luhn(digits) {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

export function brandOf(digits) {
  const prefix = (k) => (digits.length >= k ? Number(digits.slice(0, k)) : -1);
  if (digits.startsWith("4")) return "visa";
  if ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)) return "mastercard";
  if (prefix(2) === 34 || prefix(2) === 37) return "amex";
  if (prefix(4) === 6011 || (prefix(3) >= 644 && prefix(3) <= 649) || prefix(2) === 65 ||
      (prefix(6) >= 622126 && prefix(6) <= 622925)) return "discover";
  return "unknown";
}

const BRAND_NAMES = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", discover: "Discover" };
export const brandName = (brand) => BRAND_NAMES[brand] ?? "";

// The lengths a brand's numbers have, so a field can say "incomplete" without being stricter than the server.
const LENGTHS = { visa: [13, 16, 19], mastercard: [16], amex: [15], discover: [16, 17, 18, 19] };

// `final`: the shopper is done (submit). Any 12–19 digits passing Luhn are then accepted, as the server does; while
// typing, a number is complete only at its brand's usual lengths, so a 13-digit prefix of a 16-digit Visa is not
// called complete (or invalid) too early.
export function numberState(text, final = false) {
  const digits = digitsOf(text);
  const brand = brandOf(digits);
  if (digits === "") return { digits, brand, error: "incomplete_number", empty: true };
  if (!/^\d+$/.test(digits) || digits.length > 19) return { digits, brand, error: "invalid_number" };
  const lengths = LENGTHS[brand] ?? [];
  const usual = lengths.length ? lengths.includes(digits.length) : digits.length >= 12;
  if (usual || (final && digits.length >= 12)) {
    return luhn(digits) ? { digits, brand, error: null } : { digits, brand, error: "invalid_number" };
  }
  return { digits, brand, error: "incomplete_number" };
}

// "MM / YY" or "MM / YYYY" → {month: "08", year: "2031"}; valid through the end of the month, in UTC like the server.
// While typing (`final` false) a year that could still grow (1 or 3 digits, or 2 digits that read as past) is only
// incomplete: "12 / 20" may become "12 / 2031".
export function expiryState(text, now = new Date(), final = false) {
  if (text.trim() === "") return { error: "incomplete_expiry", empty: true };
  const match = text.replace(/\s/g, "").match(/^(\d{1,2})\/?(\d{0,4})$/);
  if (!match) return { error: "invalid_expiry" };
  const month = Number(match[1]);
  if (match[1].length === 2 && (month < 1 || month > 12)) return { error: "invalid_expiry" };
  const yearText = match[2];
  if (yearText.length !== 2 && yearText.length !== 4) return { error: final && yearText ? "invalid_expiry" : "incomplete_expiry" };
  if (month < 1 || month > 12) return { error: "invalid_expiry" };
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const thisYear = now.getUTCFullYear();
  const thisMonth = now.getUTCMonth() + 1;
  if (year < thisYear || (year === thisYear && month < thisMonth)) {
    return { error: final || yearText.length === 4 ? "card_expired" : "incomplete_expiry" };
  }
  if (year > thisYear + 50) return { error: "invalid_expiry" };
  return { error: null, month: String(month).padStart(2, "0"), year: String(year) };
}

export function cvcState(text, brand) {
  if (text === "") return { error: "incomplete_cvc", empty: true };
  if (!/^\d+$/.test(text)) return { error: "incomplete_cvc" };
  return text.length === (brand === "amex" ? 4 : 3) ? { error: null } : { error: "incomplete_cvc" };
}

export const nameState = (text) => (text.trim() === "" ? { error: "incomplete_name", empty: true } : { error: null });

// Digits grouped as printed on the card: 4-6-5 for American Express, 4-4-4-4(-3) otherwise.
export function formatNumber(digits) {
  const groups = brandOf(digits) === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(" ");
}

export function formatExpiry(text) {
  const digits = text.replace(/\D/g, "").slice(0, 6);
  if (digits.length === 1 && Number(digits) > 1) return `0${digits} / `;
  if (digits.length < 2) return digits;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

export const MESSAGES = {
  incomplete_number: "Your card number is incomplete.",
  invalid_number: "Your card number is invalid.",
  incomplete_name: "Enter the name on the card.",
  incomplete_expiry: "Your card's expiry date is incomplete.",
  invalid_expiry: "Your card's expiry date is invalid.",
  card_expired: "Your card has expired.",
  incomplete_cvc: "Your card's security code is incomplete.",
  no_payment_session: "Payment is not ready for this cart. Reload the page and try again.",
  payment_unavailable: "Card payments are unavailable right now. Try again in a moment.",
  network_error: "The payment service could not be reached. Check your connection and try again.",
  insecure_context: "Card payments need a secure (https) page.",
  rate_limited: "Too many attempts. Wait a while, then try again.",
  unknown_card_key: "The payment service changed its key. Try again.",
};

// The server's card codes (CardValidationError.code) as the fields' own.
export const SERVER_CODES = {
  card_luhn_failed: "invalid_number",
  card_number_length: "invalid_number",
  card_number_not_numeric: "invalid_number",
  card_expired: "card_expired",
  card_invalid_month: "invalid_expiry",
  card_invalid_year: "invalid_expiry",
  card_invalid_cvv: "incomplete_cvc",
};
