// RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) private-key decryption through the system's libcrypto (OpenSSL 3).
//
// Why: on this platform OpenSSL's RSA private operation is about twice as fast as the BoringSSL that swift-crypto
// bundles, and unwrapping the JWE content key is the hot path. Link with -lcrypto.
//
// Thread safety: a cb_rsa_private_key is immutable once cb_rsa_private_key_from_der returns it and may be shared
// read-only between any number of threads; every decrypt call builds its own EVP_PKEY_CTX. There is no global
// state. Only cb_rsa_private_key_free must not race with other uses of the same key.
//
// This header deliberately includes no OpenSSL header, so that Swift's Clang importer sees only these declarations.
#ifndef CLIBCRYPTO_RSA_H
#define CLIBCRYPTO_RSA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque: an RSA private key held by libcrypto.
typedef struct cb_rsa_private_key cb_rsa_private_key;

/// Parses a PKCS#8 DER (PrivateKeyInfo) RSA private key; also accepts a PKCS#1 RSAPrivateKey DER.
/// The whole buffer must be one key (trailing bytes are refused). NULL on failure or if the key is not RSA
/// (RSA-PSS keys, EC keys, ... are refused), is not a two-prime private key, or its numbers are inconsistent
/// (n != p*q, CRT values off; checked cheaply, no primality test). Takes about half a millisecond for RSA-2048
/// (mostly OpenSSL 3.0's DER decoder): parse once and share the key. Never prints, never aborts; clears the OpenSSL
/// error queue on failure.
cb_rsa_private_key *cb_rsa_private_key_from_der(const uint8_t *der, size_t der_length);

/// Frees the key. NULL is accepted and ignored.
void cb_rsa_private_key_free(cb_rsa_private_key *key);

/// Modulus size in bytes (256 for RSA-2048).
size_t cb_rsa_private_key_size(const cb_rsa_private_key *key);

/// RSA-OAEP with SHA-256 and MGF1-SHA-256, empty label. `input_length` must equal cb_rsa_private_key_size.
/// `output` must have room for cb_rsa_private_key_size bytes.
/// Returns 1 and sets *output_length on success, 0 on any failure (never prints, never aborts). On failure
/// *output_length is set to 0 (when output_length is not NULL), the output buffer is wiped, and the OpenSSL error
/// queue is cleared.
int cb_rsa_oaep_sha256_decrypt(const cb_rsa_private_key *key,
                               const uint8_t *input, size_t input_length,
                               uint8_t *output, size_t *output_length);

#ifdef __cplusplus
}
#endif

#endif /* CLIBCRYPTO_RSA_H */
