// RSA-OAEP-256 key unwrapping through the system's libcrypto (OpenSSL 3 EVP API).
//
// Why this exists: OpenSSL's RSA private operation is about 2x faster on this platform than the BoringSSL that
// swift-crypto bundles, and the RSA-OAEP unwrap of each card JWE's content key dominates that request's CPU time.
//
// Thread safety: the parsed EVP_PKEY is never modified after cb_rsa_private_key_from_der returns, so one key can be
// shared read-only between threads. Everything per-operation (the EVP_PKEY_CTX and its OAEP settings) is created,
// used and freed inside each decrypt call. OpenSSL documents objects as thread-safe as long as the calls made on them
// do not modify them (openssl-threads(7)); creating an EVP_PKEY_CTX from a key only takes a reference (an atomic
// count), and the key's lazily built internal caches (provider key export, RSA blinding) are updated under
// OpenSSL's own locks. No global state lives here, and nothing initialises or tears down OpenSSL: libcrypto 3
// initialises itself on first use.
//
// Errors: every failure path returns NULL/0 after freeing what it allocated and clearing this thread's OpenSSL
// error queue, so a failure never leaves stale errors behind for another user of the system libcrypto on the same
// thread. Nothing here prints or aborts.

#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1

#include "CLibcryptoRSA.h"

#include <limits.h>
#include <stdlib.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#if !defined(OPENSSL_VERSION_MAJOR) || OPENSSL_VERSION_MAJOR < 3
#error "CLibcryptoRSA needs the OpenSSL 3 headers (libssl-dev >= 3.0)"
#endif

struct cb_rsa_private_key {
    EVP_PKEY *pkey;      // owned; read-only after construction
    size_t modulus_size; // bytes; cached so the hot path does not have to ask
};

// A fresh decryption context for `pkey` with RSA-OAEP, SHA-256, MGF1-SHA-256 and an empty label (OpenSSL's default
// label is empty; it is never set here). NULL on failure; the caller clears the error queue.
static EVP_PKEY_CTX *new_oaep_sha256_decrypt_ctx(EVP_PKEY *pkey) {
    // A context per call: an EVP_PKEY_CTX holds operation state and must never be shared between threads.
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    if (ctx == NULL) {
        return NULL;
    }
    if (EVP_PKEY_decrypt_init(ctx) <= 0
        || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) <= 0
        || EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) <= 0
        || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) <= 0) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

// Cheap structural check of the private key, the same one BoringSSL (swift-crypto) makes when it parses a key:
// n = p*q, d*e = 1 mod (p-1) and mod (q-1), and the CRT values dP, dQ, qInv agree with them. No primality testing
// (OpenSSL's EVP_PKEY_check does that, and takes ~40 ms for RSA-2048, ~280 ms for RSA-4096). A well-formed DER whose
// numbers were damaged would otherwise load and then fail every decrypt, or, when only a CRT value is off, decrypt
// correctly but ~8x slower (measured: OpenSSL verifies each CRT result and silently recomputes without CRT).
// Multi-prime keys fail n = p*q and are refused, as BoringSSL refuses them.
static int is_consistent_rsa_private_key(const EVP_PKEY *pkey) {
    static const char *const names[] = {
        OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D,
        OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
        OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
    };
    enum { N, E, D, P, Q, DP, DQ, QINV, COUNT };
    BIGNUM *v[COUNT] = { NULL };
    BIGNUM *p1 = NULL, *q1 = NULL, *t = NULL;
    BN_CTX *bn = NULL;
    int ok = 0;

    for (int i = 0; i < COUNT; i++) {
        if (EVP_PKEY_get_bn_param(pkey, names[i], &v[i]) != 1 || v[i] == NULL || BN_is_zero(v[i])) {
            goto done;
        }
        BN_set_flags(v[i], BN_FLG_CONSTTIME);
    }
    bn = BN_CTX_new();
    p1 = BN_new();
    q1 = BN_new();
    t = BN_new();
    if (bn == NULL || p1 == NULL || q1 == NULL || t == NULL) {
        goto done;
    }
    BN_set_flags(p1, BN_FLG_CONSTTIME);
    BN_set_flags(q1, BN_FLG_CONSTTIME);
    BN_set_flags(t, BN_FLG_CONSTTIME);
    ok = BN_mul(t, v[P], v[Q], bn) && BN_cmp(t, v[N]) == 0                    // n = p*q
        && BN_sub(p1, v[P], BN_value_one()) && BN_sub(q1, v[Q], BN_value_one())
        && BN_mod_mul(t, v[D], v[E], p1, bn) && BN_is_one(t)                  // d*e = 1 mod (p-1)
        && BN_mod_mul(t, v[D], v[E], q1, bn) && BN_is_one(t)                  // d*e = 1 mod (q-1)
        && BN_mod(t, v[D], p1, bn) && BN_cmp(t, v[DP]) == 0                    // dP = d mod (p-1)
        && BN_mod(t, v[D], q1, bn) && BN_cmp(t, v[DQ]) == 0                    // dQ = d mod (q-1)
        && BN_mod_mul(t, v[QINV], v[Q], v[P], bn) && BN_is_one(t);            // qInv*q = 1 mod p

done:
    for (int i = 0; i < COUNT; i++) {
        BN_clear_free(v[i]);
    }
    BN_clear_free(p1);
    BN_clear_free(q1);
    BN_clear_free(t);
    BN_CTX_free(bn);
    return ok;
}

cb_rsa_private_key *cb_rsa_private_key_from_der(const uint8_t *der, size_t der_length) {
    if (der == NULL || der_length == 0 || der_length > (size_t)LONG_MAX) {
        return NULL;
    }

    // d2i_AutoPrivateKey tries the OpenSSL 3 decoders on its own trial-and-error basis and may leave errors from the
    // attempts that did not match even when it succeeds; the mark lets the success path drop exactly those.
    ERR_set_mark();

    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *probe = NULL;
    cb_rsa_private_key *key = NULL;
    int size = 0;

    // Accepts PKCS#8 PrivateKeyInfo and the "traditional" per-algorithm forms, PKCS#1 RSAPrivateKey included.
    const unsigned char *cursor = der;
    pkey = d2i_AutoPrivateKey(NULL, &cursor, (long)der_length);
    if (pkey == NULL) {
        goto fail;
    }
    // One DER object and nothing after it.
    if (cursor != der + der_length) {
        goto fail;
    }
    // Plain rsaEncryption keys only; an RSA-PSS key (EVP_PKEY_RSA_PSS) may not be used for encryption.
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) {
        goto fail;
    }
    // A complete, self-consistent two-prime private key, not a public key or a well-formed but damaged one.
    if (!is_consistent_rsa_private_key(pkey)) {
        goto fail;
    }

    size = EVP_PKEY_get_size(pkey);
    if (size <= 0) {
        goto fail;
    }

    // Build one throwaway context now: it proves the key can do the operation, and it makes OpenSSL export the key
    // to its provider and cache that up front, so the concurrent decrypt calls later only read the cache.
    probe = new_oaep_sha256_decrypt_ctx(pkey);
    if (probe == NULL) {
        goto fail;
    }
    EVP_PKEY_CTX_free(probe);
    probe = NULL;

    key = malloc(sizeof *key);
    if (key == NULL) {
        goto fail;
    }
    key->pkey = pkey;
    key->modulus_size = (size_t)size;
    ERR_pop_to_mark(); // success: discard whatever the decoder attempts queued
    return key;

fail:
    EVP_PKEY_CTX_free(probe);
    EVP_PKEY_free(pkey);
    ERR_clear_error();
    return NULL;
}

void cb_rsa_private_key_free(cb_rsa_private_key *key) {
    if (key == NULL) {
        return;
    }
    EVP_PKEY_free(key->pkey);
    free(key);
}

size_t cb_rsa_private_key_size(const cb_rsa_private_key *key) {
    return key == NULL ? 0 : key->modulus_size;
}

int cb_rsa_oaep_sha256_decrypt(const cb_rsa_private_key *key,
                               const uint8_t *input, size_t input_length,
                               uint8_t *output, size_t *output_length) {
    if (output_length != NULL) {
        *output_length = 0;
    }
    if (key == NULL || input == NULL || output == NULL || output_length == NULL) {
        return 0;
    }
    // RSAES-OAEP-DECRYPT (RFC 8017 7.1.2) requires the ciphertext to be exactly k bytes. OpenSSL alone would
    // accept shorter input as a smaller integer; BoringSSL (swift-crypto) refuses it, and so do we.
    if (input_length != key->modulus_size) {
        return 0;
    }

    // EVP_PKEY_CTX_new_from_pkey only takes a reference on the shared key (an atomic count); it does not modify it.
    EVP_PKEY_CTX *ctx = new_oaep_sha256_decrypt_ctx(key->pkey);
    if (ctx == NULL) {
        ERR_clear_error();
        return 0;
    }

    // OpenSSL's provider wants an output buffer of at least the modulus size, whatever the plaintext length.
    size_t length = key->modulus_size;
    int ok = EVP_PKEY_decrypt(ctx, output, &length, input, input_length) == 1 && length <= key->modulus_size;
    EVP_PKEY_CTX_free(ctx);

    if (!ok) {
        // The OAEP check is constant-time in OpenSSL; the only signal is failure, and no reason is kept.
        OPENSSL_cleanse(output, key->modulus_size);
        ERR_clear_error();
        return 0;
    }
    *output_length = length;
    return 1;
}
