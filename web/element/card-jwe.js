// A compact JWE (RFC 7516) with WebCrypto: RSA-OAEP-256 wraps a fresh A256GCM key that encrypts the payload. The
// header names the key (kid), which CartBridge requires. Nothing here keeps the plaintext after it returns.

const encoder = new TextEncoder();

export function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// `jwk` is the session's public key ({kty, n, e, kid, ...}); only kty, n and e are imported, so no other member
// (use, key_ops, alg spelt differently) can make the import fail.
export async function encryptJSON(jwk, kid, value) {
  const rsa = await crypto.subtle.importKey(
    "jwk", { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RSA-OAEP-256" },
    { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt"]);
  const header = base64url(encoder.encode(JSON.stringify({ alg: "RSA-OAEP-256", enc: "A256GCM", kid })));
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const encryptedKey = new Uint8Array(await crypto.subtle.encrypt({ name: "RSA-OAEP" }, rsa, cek));
  const aes = await crypto.subtle.importKey("raw", cek, { name: "AES-GCM" }, false, ["encrypt"]);
  cek.fill(0);
  const plaintext = encoder.encode(JSON.stringify(value));
  // WebCrypto returns the ciphertext with the 16-byte tag appended.
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(header), tagLength: 128 }, aes, plaintext));
  plaintext.fill(0);
  return [header, base64url(encryptedKey), base64url(iv), base64url(sealed.subarray(0, sealed.length - 16)),
    base64url(sealed.subarray(sealed.length - 16))].join(".");
}
