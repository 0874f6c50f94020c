#!/usr/bin/env bash
# Standalone check of Sources/CLibcryptoRSA (RSA-OAEP-256 unwrap through the system's OpenSSL 3 libcrypto),
# independent of SwiftPM: compiles rsa_oaep.c with a throwaway C test program, makes keys and ciphertexts with the
# openssl CLI, and checks that
#   - PKCS#8 and PKCS#1 DER RSA keys load, and decrypt `openssl pkeyutl` OAEP-SHA256/MGF1-SHA256 output byte-for-byte
#     (2048- and 3072-bit);
#   - corrupted, wrongly sized, wrong-label, OAEP-SHA1, MGF1-SHA1 and wrong-key ciphertexts fail (0), leaving the
#     OpenSSL error queue empty;
#   - truncated, garbage, trailing-junk, empty, EC, RSA-PSS and public-key DER are refused (NULL);
#   - one key shared by several threads decrypts correctly;
# then times the decrypt (single thread and all cores) and repeats the functional checks under ASan/UBSan.
# Usage: scripts/libcrypto-rsa-selftest.sh [iterations, default 2000]
# Env: CC (default cc), SANITIZE=0 to skip the sanitizer pass. Exits non-zero on any failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHIM=$ROOT/Sources/CLibcryptoRSA
ITERATIONS=${1:-2000}
CC=${CC:-cc}
CFLAGS=(-std=c11 -pedantic -Wall -Wextra -Werror -O2)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cb-rsa-selftest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "== $(openssl version) (CLI); compiler: $("$CC" --version | head -n 1)"

# ---- The public header must stay importable by Swift: self-contained, no OpenSSL headers. ----
if grep -q '#include <openssl' "$SHIM/include/CLibcryptoRSA.h"; then
    echo "FAIL: the public header includes OpenSSL headers" >&2
    exit 1
fi
echo '#include "CLibcryptoRSA.h"' | "$CC" "${CFLAGS[@]}" -I"$SHIM/include" -fsyntax-only -x c -
# SwiftPM compiles C targets with clang; check that too when one is on PATH.
if command -v clang >/dev/null 2>&1; then
    clang "${CFLAGS[@]}" -I"$SHIM/include" -fsyntax-only "$SHIM/rsa_oaep.c"
    echo "ok   - rsa_oaep.c compiles warning-free with clang too"
fi

# ---- Fixtures, all with the openssl CLI ----
cd "$WORK"
OAEP256=(-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256)
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem 2>/dev/null \
    || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out key.p8.der
openssl rsa -in key.pem -traditional -outform DER -out key.p1.der 2>/dev/null
openssl pkey -in key.pem -pubout -outform DER -out pub.spki.der
openssl rsa -in key.pem -RSAPublicKey_out -outform DER -out pub.p1.der 2>/dev/null
openssl pkey -in key.pem -pubout -out pub.pem
openssl rand -out cek.bin 32
openssl pkeyutl -encrypt -pubin -inkey pub.pem -in cek.bin -out ct.bin "${OAEP256[@]}"
# Same key, other parameters: each must be refused by the shim.
openssl pkeyutl -encrypt -pubin -inkey pub.pem -in cek.bin -out ct_label.bin "${OAEP256[@]}" -pkeyopt rsa_oaep_label:0102
openssl pkeyutl -encrypt -pubin -inkey pub.pem -in cek.bin -out ct_sha1.bin -pkeyopt rsa_padding_mode:oaep
openssl pkeyutl -encrypt -pubin -inkey pub.pem -in cek.bin -out ct_mgf1sha1.bin \
    -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha1
openssl pkeyutl -encrypt -pubin -inkey pub.pem -in cek.bin -out ct_pkcs1.bin -pkeyopt rsa_padding_mode:pkcs1
# Another RSA key (3072-bit): its ciphertext must fail under the first key, and it must work on its own.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out key3072.pem 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in key3072.pem -outform DER -out key3072.p8.der
openssl pkeyutl -encrypt -inkey key3072.pem -in cek.bin -out ct3072.bin "${OAEP256[@]}"
# Keys that are not plain RSA private keys.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -outform DER -out ec.p8.der
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -outform DER -out pss.p8.der 2>/dev/null
openssl rand -out garbage.bin 1200
echo "ok   - fixtures: RSA-2048 (PKCS#8 + PKCS#1 DER), RSA-3072, EC, RSA-PSS, 32-byte key wrapped by openssl pkeyutl"

# ---- The test program (written here, never into the repository) ----
cat > selftest.c <<'EOF'
#define _POSIX_C_SOURCE 200809L
#include "CLibcryptoRSA.h"

#include <openssl/err.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures = 0;
static const char *dir;

static void check(int condition, const char *what) {
    if (condition) {
        printf("ok   - %s\n", what);
    } else {
        printf("FAIL - %s\n", what);
        failures++;
    }
}

static uint8_t *load(const char *name, size_t *length) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) { fprintf(stderr, "cannot open %s\n", path); exit(2); }
    uint8_t *buffer = NULL;
    size_t size = 0, capacity = 0;
    for (;;) {
        if (size == capacity) {
            capacity = capacity ? capacity * 2 : 4096;
            buffer = realloc(buffer, capacity);
            if (buffer == NULL) { exit(2); }
        }
        size_t n = fread(buffer + size, 1, capacity - size, f);
        if (n == 0) { break; }
        size += n;
    }
    fclose(f);
    *length = size;
    return buffer;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Decrypts `ct` and reports whether the result is exactly `expected` (and the error queue stayed empty). */
static int decrypts_to(const cb_rsa_private_key *key, const uint8_t *ct, size_t ct_length,
                       const uint8_t *expected, size_t expected_length) {
    uint8_t out[1024];
    size_t out_length = 12345;
    int rc = cb_rsa_oaep_sha256_decrypt(key, ct, ct_length, out, &out_length);
    return rc == 1 && out_length == expected_length && memcmp(out, expected, expected_length) == 0
        && ERR_peek_error() == 0;
}

/* A failure must return 0, zero the length, and leave no error behind. */
static int fails(const cb_rsa_private_key *key, const uint8_t *ct, size_t ct_length) {
    uint8_t out[1024];
    size_t out_length = 12345;
    int rc = cb_rsa_oaep_sha256_decrypt(key, ct, ct_length, out, &out_length);
    return rc == 0 && out_length == 0 && ERR_peek_error() == 0;
}

static int refused(const uint8_t *der, size_t length) {
    cb_rsa_private_key *key = cb_rsa_private_key_from_der(der, length);
    int ok = key == NULL && ERR_peek_error() == 0;
    cb_rsa_private_key_free(key);
    return ok;
}

static int refused_file(const char *name) {
    size_t length;
    uint8_t *der = load(name, &length);
    int ok = refused(der, length);
    free(der);
    return ok;
}

struct worker {
    const cb_rsa_private_key *key;
    const uint8_t *ct, *bad_ct, *cek;
    size_t ct_length, cek_length;
    long iterations;
    int check_failures; /* also interleave failing decrypts */
    long wrong;
};

static void *work(void *arg) {
    struct worker *w = arg;
    for (long i = 0; i < w->iterations; i++) {
        if (!decrypts_to(w->key, w->ct, w->ct_length, w->cek, w->cek_length)) { w->wrong++; }
        if (w->check_failures && !fails(w->key, w->bad_ct, w->ct_length)) { w->wrong++; }
    }
    return NULL;
}

/* Runs `threads` workers sharing one key; returns wall seconds, adds wrong results to *wrong. */
static double run_threads(int threads, struct worker *prototype, long per_thread, long *wrong) {
    pthread_t ids[64];
    struct worker workers[64];
    double start = now_seconds();
    for (int t = 0; t < threads; t++) {
        workers[t] = *prototype;
        workers[t].iterations = per_thread;
        workers[t].wrong = 0;
        if (pthread_create(&ids[t], NULL, work, &workers[t]) != 0) { fprintf(stderr, "pthread_create\n"); exit(2); }
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        *wrong += workers[t].wrong;
    }
    return now_seconds() - start;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s fixture-dir iterations (0: no timing)\n", argv[0]); return 2; }
    dir = argv[1];
    long iterations = atol(argv[2]);

    size_t p8_length, p1_length, cek_length, ct_length, len;
    uint8_t *p8 = load("key.p8.der", &p8_length);
    uint8_t *p1 = load("key.p1.der", &p1_length);
    uint8_t *cek = load("cek.bin", &cek_length);
    uint8_t *ct = load("ct.bin", &ct_length);

    /* --- loading --- */
    cb_rsa_private_key *key = cb_rsa_private_key_from_der(p8, p8_length);
    check(key != NULL && ERR_peek_error() == 0, "PKCS#8 DER RSA-2048 key loads");
    if (key == NULL) { return 1; }
    check(cb_rsa_private_key_size(key) == 256, "key size is 256 bytes");
    cb_rsa_private_key *key_p1 = cb_rsa_private_key_from_der(p1, p1_length);
    check(key_p1 != NULL && ERR_peek_error() == 0, "PKCS#1 RSAPrivateKey DER loads");

    /* --- round trip --- */
    check(ct_length == 256 && cek_length == 32, "openssl pkeyutl produced a 256-byte wrap of 32 bytes");
    check(decrypts_to(key, ct, ct_length, cek, cek_length), "decrypts the openssl OAEP-256 ciphertext byte-for-byte");
    check(key_p1 != NULL && decrypts_to(key_p1, ct, ct_length, cek, cek_length), "the PKCS#1-loaded key decrypts it too");
    {
        size_t k3_length, ct3_length;
        uint8_t *k3 = load("key3072.p8.der", &k3_length);
        uint8_t *ct3 = load("ct3072.bin", &ct3_length);
        cb_rsa_private_key *key3 = cb_rsa_private_key_from_der(k3, k3_length);
        check(key3 != NULL && cb_rsa_private_key_size(key3) == 384, "RSA-3072 key loads, size 384");
        check(key3 != NULL && decrypts_to(key3, ct3, ct3_length, cek, cek_length), "RSA-3072 round trip");
        check(key3 != NULL && fails(key, ct3, ct3_length), "RSA-3072 ciphertext refused by the 2048-bit key (length)");
        cb_rsa_private_key_free(key3);
        free(k3);
        free(ct3);
    }

    /* --- failing decrypts --- */
    uint8_t bad[512];
    const size_t flip_at[] = { 0, 1, 100, 128, 255 };
    for (size_t i = 0; i < sizeof flip_at / sizeof flip_at[0]; i++) {
        memcpy(bad, ct, ct_length);
        bad[flip_at[i]] ^= 0x01;
        char what[96];
        snprintf(what, sizeof what, "ciphertext with byte %zu corrupted fails (0)", flip_at[i]);
        check(fails(key, bad, ct_length), what);
    }
    memset(bad, 0, sizeof bad);
    check(fails(key, bad, ct_length), "all-zero ciphertext fails");
    memset(bad, 0xff, sizeof bad);
    check(fails(key, bad, ct_length), "all-0xff ciphertext (>= modulus) fails");
    check(fails(key, ct, ct_length - 1), "truncated ciphertext (255 bytes) fails");
    bad[0] = 0;
    memcpy(bad + 1, ct, ct_length);
    check(fails(key, bad, ct_length + 1), "overlong ciphertext (257 bytes, zero-prefixed) fails");
    check(fails(key, ct, 0), "empty ciphertext fails");
    const char *wrong_params[][2] = {
        { "ct_label.bin", "OAEP-256 ciphertext with a non-empty label fails" },
        { "ct_sha1.bin", "OAEP-SHA1 ciphertext fails" },
        { "ct_mgf1sha1.bin", "OAEP-SHA256 with MGF1-SHA1 ciphertext fails" },
        { "ct_pkcs1.bin", "PKCS#1 v1.5 ciphertext fails" },
    };
    for (size_t i = 0; i < sizeof wrong_params / sizeof wrong_params[0]; i++) {
        uint8_t *other = load(wrong_params[i][0], &len);
        check(fails(key, other, len), wrong_params[i][1]);
        free(other);
    }
    {
        uint8_t out[256];
        size_t out_length = 7;
        check(cb_rsa_oaep_sha256_decrypt(NULL, ct, ct_length, out, &out_length) == 0 && out_length == 0,
              "NULL key fails");
        check(cb_rsa_oaep_sha256_decrypt(key, NULL, ct_length, out, &out_length) == 0, "NULL input fails");
        check(cb_rsa_oaep_sha256_decrypt(key, ct, ct_length, NULL, &out_length) == 0, "NULL output fails");
        check(cb_rsa_oaep_sha256_decrypt(key, ct, ct_length, out, NULL) == 0, "NULL output_length fails");
        check(cb_rsa_private_key_size(NULL) == 0, "size of NULL key is 0");
        cb_rsa_private_key_free(NULL);
    }
    check(decrypts_to(key, ct, ct_length, cek, cek_length), "the key still works after all those failures");

    /* --- refused keys --- */
    check(refused(p8, p8_length - 1), "PKCS#8 DER missing its last byte refused (NULL)");
    check(refused(p8, p8_length / 2), "PKCS#8 DER cut in half refused");
    check(refused(p8, 16), "first 16 bytes of PKCS#8 DER refused");
    check(refused(p1, p1_length - 1), "truncated PKCS#1 DER refused");
    check(refused_file("garbage.bin"), "1200 random bytes refused");
    check(refused(p8, 0), "empty DER refused");
    check(refused(NULL, 10), "NULL DER refused");
    {
        uint8_t *padded = malloc(p8_length + 1);
        memcpy(padded, p8, p8_length);
        padded[p8_length] = 0;
        check(refused(padded, p8_length + 1), "PKCS#8 DER with a trailing byte refused");
        /* Every single-byte corruption either is refused (the DER no longer parses, or the numbers no longer agree)
           or touched only a field that does not change the key (a version or the NULL parameters, which OpenSSL
           reads leniently), in which case the key must still decrypt correctly. Never a damaged key that loads. */
        const uint8_t masks[] = { 0x01, 0x80 };
        size_t harmless = 0, damaged = 0;
        for (size_t m = 0; m < sizeof masks; m++) {
            for (size_t i = 0; i < p8_length; i++) {
                memcpy(padded, p8, p8_length);
                padded[i] ^= masks[m];
                cb_rsa_private_key *mutant = cb_rsa_private_key_from_der(padded, p8_length);
                if (ERR_peek_error() != 0) {
                    damaged++;
                } else if (mutant != NULL) {
                    if (decrypts_to(mutant, ct, ct_length, cek, cek_length)) {
                        harmless++;
                    } else if (damaged++ < 5) {
                        printf("     loaded a damaged key: byte %zu ^ 0x%02x\n", i, masks[m]);
                    }
                }
                cb_rsa_private_key_free(mutant);
            }
        }
        char what[160];
        snprintf(what, sizeof what, "%zu single-byte corruptions of the PKCS#8 DER: %zu refused, %zu harmless "
                 "(header only, key still correct), 0 damaged keys loaded",
                 2 * p8_length, 2 * p8_length - harmless - damaged, harmless);
        check(damaged == 0, what);
        free(padded);
    }
    check(refused_file("ec.p8.der"), "EC P-256 PKCS#8 key refused (not RSA)");
    check(refused_file("pss.p8.der"), "RSA-PSS PKCS#8 key refused (not rsaEncryption)");
    check(refused_file("pub.spki.der"), "RSA public key (SubjectPublicKeyInfo) refused");
    check(refused_file("pub.p1.der"), "RSA public key (PKCS#1 RSAPublicKey) refused");

    /* --- one key, several threads (correct results, interleaved with failures, per-thread error queues) --- */
    memcpy(bad, ct, ct_length);
    bad[200] ^= 0x80;
    struct worker prototype = { key, ct, bad, cek, ct_length, cek_length, 0, 1, 0 };
    long wrong = 0;
    long concurrency_iterations = iterations > 0 ? 100 : 10;
    run_threads(4, &prototype, concurrency_iterations, &wrong);
    {
        char what[128];
        snprintf(what, sizeof what, "4 threads sharing the key: %ld good + %ld bad decrypts each, all as expected",
                 concurrency_iterations, concurrency_iterations);
        check(wrong == 0, what);
    }

    /* --- timing --- */
    if (iterations > 0) {
        prototype.check_failures = 0;
        run_threads(1, &prototype, 50, &wrong); /* warm-up */
        double single = run_threads(1, &prototype, iterations, &wrong);
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int threads = cores < 2 ? 2 : (cores > 64 ? 64 : (int)cores);
        long per_thread = iterations / threads > 0 ? iterations / threads : 1;
        double multi = run_threads(threads, &prototype, per_thread, &wrong);
        check(wrong == 0, "timed decrypts all correct");
        long loads = 200, load_failures = 0;
        double load_start = now_seconds();
        for (long i = 0; i < loads; i++) {
            cb_rsa_private_key *loaded = cb_rsa_private_key_from_der(p8, p8_length);
            if (loaded == NULL) { load_failures++; }
            cb_rsa_private_key_free(loaded);
        }
        double load = now_seconds() - load_start;
        check(load_failures == 0, "timed key loads all succeeded");
        printf("timing: RSA-2048 OAEP-SHA256 decrypt, 1 thread: %ld ops, %.1f us/op (%.0f ops/s)\n",
               iterations, single * 1e6 / (double)iterations, (double)iterations / single);
        printf("timing: %d threads sharing the key: %ld ops, %.1f us/op wall (%.0f ops/s aggregate)\n",
               threads, per_thread * threads, multi * 1e6 / (double)(per_thread * threads),
               (double)(per_thread * threads) / multi);
        printf("timing: cb_rsa_private_key_from_der (PKCS#8, RSA-2048): %.1f us/load\n", load * 1e6 / (double)loads);
    }

    cb_rsa_private_key_free(key_p1);
    cb_rsa_private_key_free(key);
    free(p8);
    free(p1);
    free(cek);
    free(ct);
    if (failures) {
        printf("%d check(s) FAILED\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
EOF

# ---- Build with the strict flags and run ----
"$CC" "${CFLAGS[@]}" -I"$SHIM/include" "$SHIM/rsa_oaep.c" selftest.c -o selftest -lcrypto -pthread
echo "ok   - built with $CC ${CFLAGS[*]} ... -lcrypto"
./selftest "$WORK" "$ITERATIONS"

# ---- Functional checks again under AddressSanitizer (leaks included) and UBSan, no timing ----
if [ "${SANITIZE:-1}" != 0 ]; then
    if "$CC" "${CFLAGS[@]}" -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
        -I"$SHIM/include" "$SHIM/rsa_oaep.c" selftest.c -o selftest-asan -lcrypto -pthread 2>/dev/null; then
        echo "== again under ASan+UBSan (LeakSanitizer on)"
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 ./selftest-asan "$WORK" 0 >asan.log 2>&1 || {
            cat asan.log
            echo "FAIL: sanitizer run" >&2
            exit 1
        }
        tail -n 1 asan.log
    else
        echo "skip - $CC cannot build with -fsanitize=address,undefined"
    fi
fi
echo "PASS: libcrypto RSA-OAEP-256 self-test"
