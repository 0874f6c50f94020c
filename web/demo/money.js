// Medusa amounts are integers in the currency's minor unit (cents for USD).

const formats = new Map();

function format(currency) {
  const code = (currency || "usd").toUpperCase();
  if (!formats.has(code)) formats.set(code, new Intl.NumberFormat("en-US", { style: "currency", currency: code }));
  return formats.get(code);
}

export function formatMoney(amount, currency) {
  const f = format(currency);
  const digits = f.resolvedOptions().maximumFractionDigits;
  return f.format((Number(amount) || 0) / 10 ** digits);
}
