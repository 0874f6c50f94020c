"""BENCHMARKS.md from the results scripts/bench.d/bench.py collects."""

from __future__ import annotations

import statistics

TARGETS = {
    "get_ratio": 0.8,  # proxied GET cart req/s (max_age 0) ≥ 0.8 × nginx's
    "added_p50_ms": 0.3,  # p50 added over the direct call
    "window_ratio": 1.0,  # with a freshness window: more than nginx (no merchant call at all)
    "line_items_ratio": 0.7,  # POST line-items ≥ 0.7 × the direct pair of calls it makes
    "completion_ratio": 0.5,  # completions/s ≥ 0.5 × the RSA bound (every RSA op of a completion)
    "rss_mib": 64,  # at 10k live carts
    "startup_s": 0.1,
}


def ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def rate(value: float) -> str:
    return f"{value:,.0f}/s"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def figures(r: dict) -> dict:
    """Every derived figure and ratio, in one place, so the tables and the closing note agree."""
    f: dict = {}
    get = {name: r[f"get_{name}_load"] for name in ("direct", "nginx", "bridge")}
    lat = {name: r[f"get_{name}_latency"] for name in ("direct", "nginx", "bridge")}
    get["window"], lat["window"] = r["get_window_load"], r["get_window_latency"]
    f["get"], f["lat"] = get, lat
    f["get_ratio_nginx"] = get["bridge"]["rps"] / get["nginx"]["rps"]
    f["get_ratio_direct"] = get["bridge"]["rps"] / get["direct"]["rps"]
    f["window_ratio_nginx"] = get["window"]["rps"] / get["nginx"]["rps"]
    f["window_ratio_direct"] = get["window"]["rps"] / get["direct"]["rps"]
    f["added_p50_ms"] = lat["bridge"]["p50_ms"] - lat["direct"]["p50_ms"]
    f["added_p50_nginx_ms"] = lat["nginx"]["p50_ms"] - lat["direct"]["p50_ms"]
    f["added_p50_window_ms"] = lat["window"]["p50_ms"] - lat["direct"]["p50_ms"]
    f["added_p50_load_ms"] = get["bridge"]["p50_ms"] - get["direct"]["p50_ms"]

    li = r["line_items_bridge"]
    session, add = r["line_items_direct_session"], r["line_items_direct_add"]
    # The two direct calls one after the other: their rates combine harmonically, their latencies add up.
    f["direct_pair_rps"] = 1 / (1 / session["rps"] + 1 / add["rps"])
    f["direct_pair_p50_ms"] = session["p50_ms"] + add["p50_ms"]
    f["direct_pair_p99_ms"] = session["p99_ms"] + add["p99_ms"]
    f["line_items_ratio"] = li["rps"] / f["direct_pair_rps"]
    f["line_items_added_p50_ms"] = li["p50_ms"] - f["direct_pair_p50_ms"]

    rsa = r["rsa"]
    cores = rsa["cores"]
    openssl = rsa["openssl"]
    # A completion costs three RSA ops on these cores: our private op (the card from the storefront), our public
    # op (the card to the merchant's key) and the merchant's private op (the simulator decrypting it).
    f["bound_openssl"] = cores / (2 * openssl["private_s"] + openssl["public_s"])
    boring = rsa["swift_crypto"]
    if "boringssl_private_s" in boring:
        f["bound_boringssl"] = cores / (2 * boring["boringssl_private_s"] + boring["boringssl_public_s"])
        f["bound_jwe"] = cores / (2 * boring["jwe_decrypt_s"] + boring["jwe_encrypt_s"])
    f["completions"] = r["complete"]["rps"]
    f["completion_ratio"] = f["completions"] / f["bound_openssl"]

    f["rss_mib"] = r["memory_live_carts"]["VmRSS"] / 1024
    f["peak_mib"] = max(r[k]["VmHWM"] for k in r if k.startswith("memory_")) / 1024
    f["startup_s"] = statistics.median(r["startup_s"])
    return f


def cpu_rows(r: dict) -> list[str]:
    rows = []
    for key, label in (("get_direct_load", "GET cart, simulator directly (its own CPU)"),
                       ("get_nginx_load", "GET cart, nginx proxy_pass"),
                       ("get_bridge_load", "GET cart, CartBridge max_age 0"),
                       ("get_window_load", "GET cart, CartBridge 1000 ms window"),
                       ("line_items_bridge", "POST line-items, CartBridge"),
                       ("complete", "POST complete, CartBridge")):
        run = r.get(key, {})
        if "cpu_ms_per_request" in run:
            rows.append(f"| {label} | {run['cpu_ms_per_request']:.3f} ms | {run['sim_cpu_ms_per_request']:.3f} ms |")
    return rows


def previous_targets(text: str | None) -> list[str]:
    """The heading line and the Targets table of the BENCHMARKS.md being replaced, to keep beside the new run."""
    if not text or "## Targets" not in text:
        return []
    first = text.splitlines()[2] if len(text.splitlines()) > 2 else ""
    table = text.split("## Targets", 1)[1].split("\n## ", 1)[0].strip().splitlines()
    return ["## The previous run", "", first, "", *table, ""]


def markdown(r: dict, previous: str | None = None) -> str:
    f = figures(r)
    m = r["machine"]
    get, lat = f["get"], f["lat"]
    t = TARGETS
    lines = [
        "# CartBridge benchmarks",
        "",
        f"One run of `scripts/bench` ({r['profile']} profile) on {m['date']}, revision {m['revision']}. Everything "
        "runs on this one machine over loopback; the merchant is the Full Cart simulator (`cartbridge simulate`) with "
        "its fault latency set to 0. The machine is shared and noisy, so the targets are ratios measured in the same "
        "run; absolute numbers move from run to run.",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPU | {m['cpu']}, {m['cores']} cores |",
        f"| memory | {m['memory_gib']} GiB |",
        f"| OS | {m['os']}, Linux {m['kernel']} |",
        f"| toolchain | {m['swift']} (release build) |",
        f"| load generator | {m['wrk']}, {get['bridge']['threads']} threads, {get['bridge']['connections']} "
        f"connections ({get['bridge']['seconds']:.0f} s) for throughput; 1 connection for latency |",
        f"| proxy | nginx {r.get('nginx_version', '?')} (`worker_processes auto`, upstream keep-alive 64) |",
        f"| crypto | {r['rsa']['openssl']['version']}; swift-crypto's bundled BoringSSL |",
        f"| load average before the run | {' '.join(m['load_before'])} |",
        "",
        "## Targets",
        "",
        "| target | measured | goal | |",
        "| --- | --- | --- | --- |",
        f"| GET cart through CartBridge (max_age 0) vs nginx proxy_pass, requests/s | "
        f"{f['get_ratio_nginx']:.2f}× | ≥ {t['get_ratio']}× | {verdict(f['get_ratio_nginx'] >= t['get_ratio'])} |",
        f"| p50 added over the direct call (GET cart, max_age 0, 1 connection) | "
        f"{ms(f['added_p50_ms'])} | ≤ {t['added_p50_ms']} ms | {verdict(f['added_p50_ms'] <= t['added_p50_ms'])} |",
        f"| GET cart with a 1000 ms freshness window vs nginx, requests/s | {f['window_ratio_nginx']:.2f}× | "
        f"> {t['window_ratio']}× | {verdict(f['window_ratio_nginx'] > t['window_ratio'])} |",
        f"| POST line-items vs the direct pair of calls, requests/s | {f['line_items_ratio']:.2f}× | "
        f"≥ {t['line_items_ratio']}× | {verdict(f['line_items_ratio'] >= t['line_items_ratio'])} |",
        f"| completions/s vs the RSA bound (our private + public op, the merchant's private op; OpenSSL) | "
        f"{f['completion_ratio']:.3f}× "
        f"({rate(f['completions'])} of {rate(f['bound_openssl'])}) | ≥ {t['completion_ratio']}× | "
        f"{verdict(f['completion_ratio'] >= t['completion_ratio'])} |",
        f"| resident memory with {r['memory_live_carts']['live_carts']:,} live carts | {f['rss_mib']:.1f} MiB | "
        f"≤ {t['rss_mib']} MB | {verdict(f['rss_mib'] <= t['rss_mib'])} |",
        f"| start-up to the first successful request (median of {len(r['startup_s'])}) | "
        f"{f['startup_s'] * 1000:.0f} ms | ≤ {t['startup_s'] * 1000:.0f} ms | {verdict(f['startup_s'] <= t['startup_s'])} |",
        "",
        "## GET /store/carts/{id} and the same merchant carts",
        "",
        f"{r['get_cart_count']} carts with one line each; wrk cycles through them. CartBridge with "
        "`snapshot.max_age_ms: 0` reads the merchant cart on every GET (checked in the run through the simulator's "
        "fault counter); with a 1000 ms window it answers from the stored snapshot. nginx and the direct runs GET the "
        "same merchant carts (`/api/v2/domains/apparel.example/cart/` with each cart's device token).",
        "",
        "| path | requests/s | p50 | p99 | p50, 1 connection | p99, 1 connection |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    names = {"direct": "simulator directly", "nginx": "nginx proxy_pass → simulator",
             "bridge": "CartBridge, max_age 0 (one merchant GET per read)",
             "window": "CartBridge, max_age 1000 ms (snapshot)"}
    for key, label in names.items():
        lines.append(f"| {label} | {rate(get[key]['rps'])} | {ms(get[key]['p50_ms'])} | {ms(get[key]['p99_ms'])} | "
                     f"{ms(lat[key]['p50_ms'])} | {ms(lat[key]['p99_ms'])} |")
    lines += [
        "",
        "| ratio | value |",
        "| --- | --- |",
        f"| CartBridge (max_age 0) / nginx, requests/s | {f['get_ratio_nginx']:.2f} |",
        f"| CartBridge (max_age 0) / direct, requests/s | {f['get_ratio_direct']:.2f} |",
        f"| CartBridge (1000 ms window) / nginx, requests/s | {f['window_ratio_nginx']:.2f} |",
        f"| CartBridge (1000 ms window) / direct, requests/s | {f['window_ratio_direct']:.2f} |",
        f"| p50 added over direct, 1 connection: CartBridge max_age 0 / nginx / CartBridge window | "
        f"{ms(f['added_p50_ms'])} / {ms(f['added_p50_nginx_ms'])} / {ms(f['added_p50_window_ms'])} |",
        f"| p50 added over direct at {get['bridge']['connections']} connections (CartBridge, max_age 0) | "
        f"{ms(f['added_p50_load_ms'])} |",
        "",
        "## POST /store/carts/{id}/line-items",
        "",
        "Each request adds the first item of a new cart, so CartBridge makes two merchant calls (a device session, "
        "then the add) and saves the cart. Direct: the same two calls measured separately (browser-session; an add to "
        "an existing merchant cart), combined as one call after the other (rates harmonically, latencies summed).",
        "",
        "| path | requests/s | p50 | p99 |",
        "| --- | --- | --- | --- |",
    ]
    li, session, add = r["line_items_bridge"], r["line_items_direct_session"], r["line_items_direct_add"]
    lines += [
        f"| CartBridge POST line-items (new merchant cart) | {rate(li['rps'])} | {ms(li['p50_ms'])} | {ms(li['p99_ms'])} |",
        f"| direct POST /api/v1/browser-session | {rate(session['rps'])} | {ms(session['p50_ms'])} | {ms(session['p99_ms'])} |",
        f"| direct POST /api/v2/domains/…/cart/line-items | {rate(add['rps'])} | {ms(add['p50_ms'])} | {ms(add['p99_ms'])} |",
        f"| direct, both calls in sequence (derived) | {rate(f['direct_pair_rps'])} | {ms(f['direct_pair_p50_ms'])} | "
        f"≤ {ms(f['direct_pair_p99_ms'])} |",
        "",
        f"CartBridge / direct pair: **{f['line_items_ratio']:.2f}×** the rate, "
        f"{ms(f['line_items_added_p50_ms'])} added at p50 (at {li['connections']} connections).",
        "",
        "## Completions",
        "",
    ]
    c = r["complete"]
    rsa = r["rsa"]
    o, b = rsa["openssl"], rsa["swift_crypto"]
    lines += [
        f"{c['ok']:,} carts prepared as a storefront does (item, email and address, a shipping method, a payment "
        "session, a card JWE encrypted to CartBridge's key), then `POST /store/carts/{id}/complete` once each "
        f"({c['connections']} connections). Every completion decrypts the card (RSA-OAEP private-key op), re-encrypts "
        "it to the merchant's key (public-key op), refreshes the merchant cart and places the order; the simulator, on "
        "the same cores, decrypts the card again with its own private key.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| completions/s (CartBridge) | {rate(f['completions'])} (p50 {ms(c['p50_ms'])}, p99 {ms(c['p99_ms'])}) |",
        f"| RSA-2048 private op, `openssl speed` ({o['version']}) | {o['private_s'] * 1000:.3f} ms |",
        f"| RSA-2048 public op, `openssl speed` | {o['public_s'] * 1000:.4f} ms |",
    ]
    if "boringssl_private_s" in b:
        lines += [
            f"| RSA-2048 OAEP private op, swift-crypto BoringSSL | {b['boringssl_private_s'] * 1000:.3f} ms |",
            f"| RSA-2048 OAEP public op, swift-crypto BoringSSL | {b['boringssl_public_s'] * 1000:.4f} ms |",
            f"| card JWE decrypt / encrypt through CardCrypto (private op: system libcrypto) | "
            f"{b['jwe_decrypt_s'] * 1000:.3f} ms / {b['jwe_encrypt_s'] * 1000:.3f} ms |",
        ]
    else:
        lines.append(f"| swift-crypto BoringSSL | not measured: {b.get('error', '?')[:200]} |")
    lines += [
        f"| bound: {rsa['cores']} cores / (2 private + 1 public op), OpenSSL | {rate(f['bound_openssl'])} |",
    ]
    if "bound_boringssl" in f:
        lines += [
            f"| bound with swift-crypto BoringSSL | {rate(f['bound_boringssl'])} |",
            f"| bound with CardCrypto's JWE path | {rate(f['bound_jwe'])} |",
        ]
    lines += [
        f"| completions / OpenSSL bound | **{f['completion_ratio']:.3f}** |",
    ]
    if "bound_boringssl" in f:
        lines.append(f"| completions / BoringSSL bound | {f['completions'] / f['bound_boringssl']:.3f} |")
    lines += [
        "",
        "## CPU per request",
        "",
        "User + system CPU time of the process over each load run (nginx: master and workers), divided by the "
        "requests answered; the simulator's own share is beside it.",
        "",
        "| path | proxy CPU per request | simulator CPU per request |",
        "| --- | --- | --- |",
        *cpu_rows(r),
        "",
        "## Memory and start-up",
        "",
        "| figure | value |",
        "| --- | --- |",
    ]
    for key, label in (("memory_live_carts", "after the line-item run"),
                       ("memory_after_completions", "after the completions"),
                       ("memory_after_restart", "after a restart on the same store"),
                       ("memory_after_window_reads", "after the window GET runs (same process)")):
        mem = r[key]
        lines.append(f"| RSS {label}: {mem['live_carts']:,} live carts ({mem['carts']:,} in all) | "
                     f"{mem['VmRSS'] / 1024:.1f} MiB (peak {mem['VmHWM'] / 1024:.1f} MiB) |")
    lines += [
        f"| start-up, process start → first 200 (`GET /store/regions`), SQLite store with "
        f"{r['memory_after_restart']['carts']:,} carts | "
        + ", ".join(f"{s * 1000:.0f} ms" for s in r["startup_s"]) + f" (median {f['startup_s'] * 1000:.0f} ms) |",
        f"| first start ever (generates the RSA key pair, creates the database) | {r['first_start_s'] * 1000:.0f} ms |",
        "",
        "Reproduce: `scripts/bench` (builds release binaries into `.build-release`, installs wrk and nginx from "
        "Debian's packages when missing, and rewrites this file). CI runs `scripts/bench --smoke --binary "
        ".build/debug/cartbridge`, which exercises every step with tiny counts and writes no file.",
        "",
    ]
    lines += previous_targets(previous)
    return "\n".join(lines)
