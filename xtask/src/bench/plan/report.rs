//! What the plan benchmark prints: every figure, and each target as met or NOT MET.

use super::super::verdict;
use super::{CONCURRENCY, Figures, SECONDS};

pub(super) fn print(f: &Figures) {
    println!();
    println!(
        "Plan throughput: {CONCURRENCY} concurrent connections, {SECONDS} s each, next to /healthz of the same server and run."
    );
    println!(
        "warm: 64 citizens reading their plans again and again (served from what the instance remembers);"
    );
    println!(
        "cold: each request another citizen, the instance remembering nothing: one statement brings the session and the plan kept ready in the database."
    );
    println!(
        "Every answer is checked to be that citizen's own plan; anything else counts as an error."
    );
    if let Some(routes) = &f.routes {
        println!("{routes}.");
    }
    println!(
        "{:<9} {:>9} {:<5} {:>12} {:>10} {:>9} {:>9} {:>7} {:>8}",
        "engine",
        "citizens",
        "kind",
        "healthz rps",
        "plan rps",
        "plan p50",
        "plan p99",
        "errors",
        "plan/hz"
    );
    for (engine, citizens, cold, health, plan) in &f.rows {
        println!(
            "{:<9} {:>9} {:<5} {:>12.0} {:>10.0} {:>7.2}ms {:>7.2}ms {:>7} {:>7.0}%",
            engine,
            citizens,
            if *cold { "cold" } else { "warm" },
            health.rps,
            plan.rps,
            plan.p50,
            plan.p99,
            plan.errors + health.errors,
            100.0 * plan.rps / health.rps
        );
    }
    for engine in ["sqlite", "postgres", "pg-tcp"] {
        for cold in [false, true] {
            let find = |n: u32| {
                f.rows
                    .iter()
                    .find(|r| r.0 == engine && r.1 == n && r.2 == cold)
            };
            let (Some(small), Some(large)) = (find(1_000), find(100_000)) else {
                continue;
            };
            let ratio = 100.0 * large.4.rps / large.3.rps;
            let scale = large.4.p50 / small.4.p50;
            let errors = small.4.errors + large.4.errors;
            let (share, p99) = if cold { (20.0, 25.0) } else { (30.0, 20.0) };
            println!(
                "{engine} {}: plan = {ratio:.0} % of /healthz (target ≥ {share:.0} %: {}); p99 = {:.2} ms (target ≤ {p99:.0} ms: {}); p50 100k / 1k = {scale:.2} (target ≤ 1.3: {}); wrong or failed answers: {errors} ({})",
                if cold { "cold" } else { "warm" },
                verdict(ratio >= share),
                large.4.p99,
                verdict(large.4.p99 <= p99),
                verdict(scale <= 1.3),
                verdict(errors == 0),
            );
        }
    }
    println!();
    println!(
        "First reads, 100,000 citizens: 10,000 of them each once, right after seeding (a change to every plan), so every plan is built from the tables and kept ready."
    );
    println!(
        "{:<9} {:>12} {:>10} {:>9} {:>9} {:>7}",
        "engine", "healthz rps", "plan rps", "plan p50", "plan p99", "errors"
    );
    for (engine, health, first) in &f.first {
        println!(
            "{:<9} {:>12.0} {:>10.0} {:>7.2}ms {:>7.2}ms {:>7}",
            engine, health.rps, first.rps, first.p50, first.p99, first.errors
        );
    }
    println!();
    println!(
        "Mixed, 100,000 citizens: 64 of them, each tenth request a write to their own plan (a comment or \"Det er vi enige om\", by turns); the instance remembers as in production."
    );
    println!(
        "{:<9} {:>12} {:>10} {:>9} {:>11} {:>10} {:>7}",
        "engine", "healthz rps", "read rps", "read p99", "write rps", "write p99", "errors"
    );
    for (engine, health, m) in &f.mixed {
        println!(
            "{:<9} {:>12.0} {:>10.0} {:>7.2}ms {:>11.0} {:>8.2}ms {:>7}",
            engine,
            health.rps,
            m.reads.rps,
            m.reads.p99,
            m.writes.rps,
            m.writes.p99,
            m.reads.errors + m.writes.errors + health.errors
        );
    }
    println!();
    println!(
        "Open loop, cold reads, 100,000 citizens: requests start at a fixed rate whether or not earlier ones were answered; latency counts from when each was due."
    );
    println!(
        "Of the errors: refused, answered 503 by the server's load shedding (full; nothing changed); failed, no answer (the connection failed); wrong, an answer that was not the citizen's plan."
    );
    println!(
        "{:<9} {:>13} {:>6} {:>10} {:>9} {:>9} {:>7} {:>8} {:>7} {:>6}",
        "engine",
        "closed max/s",
        "share",
        "rate/s",
        "p50",
        "p99",
        "errors",
        "refused",
        "failed",
        "wrong"
    );
    for (engine, max, runs) in &f.open {
        for (share, l) in runs {
            println!(
                "{:<9} {:>13.0} {:>5.0}% {:>10.0} {:>7.2}ms {:>7.2}ms {:>7} {:>8} {:>7} {:>6}",
                engine,
                max,
                share * 100.0,
                l.rps,
                l.p50,
                l.p99,
                l.errors,
                l.refused,
                l.failed,
                l.errors - l.refused - l.failed
            );
        }
    }
    println!("Django peer: about 12 plan pages per second");
}
