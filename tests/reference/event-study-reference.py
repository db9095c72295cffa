#!/usr/bin/python3
"""Independent reference for Impactline's event-study test battery (issue 15).

Computes, from the seed's raw price files and timeline entries only, every statistic of the
battery with NumPy, SciPy and statsmodels, for the cases below, and writes them as JSON. The
TypeScript engine is checked against this output to 1e-9 (lib/analytics/battery.reference.test.ts
and tests/tests-api.int.test.ts). Nothing here imports or mirrors the engine's code: returns,
day 0, the market model (statsmodels OLS), ranks (scipy.stats.rankdata), correlations
(numpy.corrcoef), the t and normal tails (scipy.stats) are computed the textbook way.

Run with Debian's Python (its SciPy and statsmodels), from the repository root:
    /usr/bin/python3 tests/reference/event-study-reference.py > tests/reference/event-study-reference.json
"""

import json
import math
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "seed"
BENCHMARK = "SPY"
ESTIMATION = 120
GAP = 10
MIN_RETURNS = max(60, math.ceil(ESTIMATION / 2))
MIN_SHARED = 30
NEW_YORK = ZoneInfo("America/New_York")


def load_prices(symbol):
    df = pd.read_csv(SEED / "prices" / f"{symbol}.csv", dtype={"date": str})
    df = df.drop_duplicates("date", keep="last").set_index("date").sort_index()
    price = df["adj_close"].where(df["adj_close"].notna(), df["close"])
    return price.astype(float), df["volume"].astype(float)


BENCH_PRICE, _ = load_prices(BENCHMARK)
CALENDAR = list(BENCH_PRICE.index)


def returns(price, kind):
    aligned = price.reindex(CALENDAR)
    ratio = aligned / aligned.shift(1)
    return (np.log(ratio) if kind == "log" else ratio - 1.0).to_numpy()


def day0_index(date, time_utc):
    """First trading day on or after the date; the next one when the event is after the US close."""
    later = [i for i, d in enumerate(CALENDAR) if d >= date]
    if not later:
        return None
    i = later[0]
    if CALENDAR[i] == date and time_utc:
        instant = datetime.fromisoformat(f"{date}T{time_utc}:00").replace(tzinfo=timezone.utc)
        close = datetime.fromisoformat(f"{date}T16:00:00").replace(tzinfo=NEW_YORK)
        if instant > close:
            i += 1
            if i >= len(CALENDAR):
                return None
    return i


def study_pair(ticker, d0, window, model, kind):
    """One pair: the fit, the window's ARs and the per-pair numbers, or a reason."""
    t1, t2 = window
    price, volume = load_prices(ticker)
    r = returns(price, kind)
    m = returns(BENCH_PRICE, kind)
    est = [i for i in range(max(0, d0 - GAP - ESTIMATION), d0 - GAP)]
    need_m = model != "constant-mean"
    used = [i for i in est if not np.isnan(r[i]) and (not need_m or not np.isnan(m[i]))]
    M = len(used)
    if M < MIN_RETURNS:
        return None, f"only {M} estimation returns"
    y = r[used]
    x = m[used]
    if model == "market":
        fit = sm.OLS(y, sm.add_constant(x)).fit()
        alpha, beta = fit.params
        sigma2 = fit.ssr / fit.df_resid
        expected = lambda i: alpha + beta * m[i]
        k = 2
    elif model == "market-adjusted":
        d = y - x
        sigma2 = float(np.var(d, ddof=1))
        expected = lambda i: m[i]
        k = 1
    else:
        mu = float(np.mean(y))
        sigma2 = float(np.var(y, ddof=1))
        expected = lambda i: mu
        k = 1
    sigma = math.sqrt(sigma2)
    win = list(range(d0 + t1, d0 + t2 + 1))
    if win[0] < 0 or win[-1] >= len(CALENDAR):
        return None, "window incomplete"
    ar_w = np.array([r[i] - expected(i) for i in win])
    if np.isnan(ar_w).any():
        return None, "missing returns in the window"
    L = len(win)
    car = float(np.sum(ar_w))
    t = car / math.sqrt(L * sigma2)
    p = float(2 * stats.t.sf(abs(t), M - k))
    if model == "market":
        xbar = float(np.mean(x))
        sxx = float(np.sum((x - xbar) ** 2))
        corr = np.array([1 + 1 / M + (m[i] - xbar) ** 2 / sxx for i in win])
    else:
        corr = np.full(L, 1 + 1 / M)
    sar = ar_w / (sigma * np.sqrt(corr))
    scar = float(np.sum(sar) / math.sqrt(L))
    if kind == "log":
        bhar = math.exp(sum(r[i] for i in win)) - math.exp(sum(m[i] for i in win))
    else:
        bhar = float(np.prod([1 + r[i] for i in win]) - np.prod([1 + m[i] for i in win]))
    # estimation ARs (residuals) by calendar date, and every AR of estimation ∪ window by relative day
    est_ar = {CALENDAR[i]: r[i] - expected(i) for i in used}
    rel = {}
    for i in used:
        rel[i - d0] = r[i] - expected(i)
    for i, a in zip(win, ar_w):
        rel[i - d0] = a
    # abnormal log volume
    vol = volume.reindex(CALENDAR).to_numpy()
    v_est = np.array([math.log1p(vol[i]) for i in est if not np.isnan(vol[i])])
    cav = None
    cav_t = None
    volume_reason = None
    if len(v_est) < MIN_RETURNS:
        volume_reason = "no usable volume in the estimation window"
    elif any(np.isnan(vol[i]) for i in win):
        volume_reason = "no volume in the window"
    else:
        mean_v = float(np.mean(v_est))
        sd_v = float(np.std(v_est, ddof=1))
        cav = float(sum(math.log1p(vol[i]) - mean_v for i in win))
        cav_t = cav / (sd_v * math.sqrt(L))
    return {
        "ticker": ticker,
        "day0": CALENDAR[d0],
        "car": car,
        "t": t,
        "p": p,
        "scar": scar,
        "bhar": bhar,
        "cav": cav,
        "cav_t": cav_t,
        "sigma": sigma,
        "estimation_n": M,
        "k": k,
        "pos_share": float(np.mean(np.array(list(est_ar.values())) > 0)),
        "_est_ar": est_ar,
        "_rel": rel,
        "_volume_reason": volume_reason,
    }, None


def t_test(xs):
    xs = np.asarray(xs, dtype=float)
    if len(xs) < 2:
        return None
    res = stats.ttest_1samp(xs, 0.0)
    return {"statistic": float(res.statistic), "p_value": float(res.pvalue), "n": len(xs), "df": len(xs) - 1}


def normal(z, n):
    return {"statistic": float(z), "p_value": float(2 * stats.norm.sf(abs(z))), "n": n}


def battery(pairs, window):
    N = len(pairs)
    L = window[1] - window[0] + 1
    car = np.array([p["car"] for p in pairs])
    scar = np.array([p["scar"] for p in pairs])
    out = {}
    out["cross_sectional_t"] = t_test(car)
    out["patell"] = normal(scar.sum() / math.sqrt(sum((p["estimation_n"] - p["k"]) / (p["estimation_n"] - p["k"] - 2) for p in pairs)), N)
    z_bmp = scar.mean() / (scar.std(ddof=1) / math.sqrt(N))
    out["bmp"] = normal(z_bmp, N)
    # Kolari–Pynnönen: mean pairwise correlation of estimation residuals over shared dates
    rs = []
    for i in range(N):
        for j in range(i + 1, N):
            a, b = pairs[i]["_est_ar"], pairs[j]["_est_ar"]
            dates = sorted(set(a) & set(b))
            if len(dates) < MIN_SHARED:
                continue
            rs.append(np.corrcoef([a[d] for d in dates], [b[d] for d in dates])[0, 1])
    r_bar = float(np.mean(rs)) if rs else 0.0
    kp = normal(z_bmp * math.sqrt((1 - r_bar) / (1 + (N - 1) * r_bar)), N)
    kp["r_bar"] = r_bar
    out["kolari_pynnonen"] = kp
    # Corrado rank test (Campbell–Wasley multi-day form)
    frame = pd.DataFrame([pd.Series(p["_rel"]) for p in pairs])
    ranks = frame.apply(lambda row: pd.Series(stats.rankdata(row.dropna().to_numpy()), index=row.dropna().index) / (row.notna().sum() + 1), axis=1)
    u_bar = ranks.mean(axis=0, skipna=True).sort_index()
    s_u = math.sqrt(float(np.mean((u_bar.to_numpy() - 0.5) ** 2)))
    in_window = [d for d in u_bar.index if window[0] <= d <= window[1]]
    out["corrado_rank"] = normal(math.sqrt(L) * (float(u_bar[in_window].mean()) - 0.5) / s_u, N)
    # generalised sign (Cowan 1992)
    p_hat = float(np.mean([p["pos_share"] for p in pairs]))
    w = int(np.sum(car > 0))
    gs = normal((w - N * p_hat) / math.sqrt(N * p_hat * (1 - p_hat)), N)
    gs["p_hat"] = p_hat
    gs["positive"] = w
    out["generalized_sign"] = gs
    # Wilcoxon signed-rank, normal approximation without tie or continuity correction
    nz = car[car != 0]
    n = len(nz)
    ranks_abs = stats.rankdata(np.abs(nz))
    w_plus = float(ranks_abs[nz > 0].sum())
    z_w = (w_plus - n * (n + 1) / 4) / math.sqrt(n * (n + 1) * (2 * n + 1) / 24)
    out["wilcoxon"] = normal(z_w, n)
    if len(set(np.abs(nz))) == n:  # no ties: SciPy's own test must agree
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "sample size too small": the approximation is what we test
            sp = stats.wilcoxon(nz, zero_method="wilcox", correction=False, method="approx")
        assert abs(sp.pvalue - out["wilcoxon"]["p_value"]) < 1e-12, (sp, out["wilcoxon"])
    out["bhar_t"] = t_test([p["bhar"] for p in pairs])
    out["volume_t"] = t_test([p["cav"] for p in pairs if p["cav"] is not None])
    return out


def run_case(name, events, tickers, window, model, kind):
    pairs = []
    excluded = []
    for ev in events:
        d0 = day0_index(ev["date"], ev.get("time_utc"))
        for ticker in tickers:
            if d0 is None:
                excluded.append({"event": ev["id"], "ticker": ticker, "reason": "no day 0"})
                continue
            pair, reason = study_pair(ticker, d0, window, model, kind)
            if pair is None:
                excluded.append({"event": ev["id"], "ticker": ticker, "reason": reason})
                continue
            pair["event"] = ev["id"]
            pairs.append(pair)
    tests = battery(pairs, window)
    public = [{k: v for k, v in p.items() if not k.startswith("_") and k not in ("k", "pos_share")} for p in pairs]
    for p, q in zip(public, pairs):
        p["volume_excluded"] = q["_volume_reason"] is not None
    return {
        "name": name,
        "query": {
            "events": [e["id"] for e in events],
            "tickers": tickers,
            "window": f"{window[0]}:{window[1]}",
            "model": model,
            "returns": kind,
            "benchmark": BENCHMARK,
            "estimation": ESTIMATION,
            "gap": GAP,
        },
        "n": len(pairs),
        "pairs": public,
        "excluded": excluded,
        "caar": float(np.mean([p["car"] for p in pairs])),
        "mean_bhar": float(np.mean([p["bhar"] for p in pairs])),
        "tests": tests,
    }


def main():
    entries = json.loads((SEED / "events.json").read_text())
    by_id = {e["id"]: e for e in entries}
    selloff = [by_id["nvda-record-one-day-loss"]]
    semis = ["NVDA", "AVGO", "TSM", "AMD", "MU", "SMCI", "ASML"]
    true_cost = sorted((e for e in entries if e["narrative"] == "true-cost"), key=lambda e: (e["date"], e["id"]))
    cases = []
    for kind in ("simple", "log"):
        for window in ((0, 0), (-1, 1)):
            cases.append(run_case(f"selloff-7-{kind}-{window[0]}:{window[1]}", selloff, semis, window, "market", kind))
    for model in ("market-adjusted", "constant-mean"):
        cases.append(run_case(f"selloff-7-simple--1:1-{model}", selloff, semis, (-1, 1), model, "simple"))
    for kind in ("simple", "log"):
        cases.append(run_case(f"nvda-true-cost-{kind}--1:1", true_cost, ["NVDA"], (-1, 1), "market", kind))
    out = {
        "generated_by": "tests/reference/event-study-reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "pandas": pd.__version__},
        "cases": cases,
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
