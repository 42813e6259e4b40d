//! `cargo xtask <command>`: the project's build tool, so nothing but cargo, Node/npm and git is
//! needed on a fresh machine.
//!
//! - `web [--release]`  build the web client into `dist/`
//! - `run [--release]`  build everything, seed the demo data and serve at http://127.0.0.1:8080
//! - `test`             the whole suite: Rust tests on SQLite and PostgreSQL, then browser e2e
//! - `bench`            build for release and print the benchmark figures

mod bench;
mod fuzz;
mod run;
mod test;
mod util;
mod web;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let release = args.iter().any(|a| a == "--release");
    match args.first().map(String::as_str) {
        Some("web") => web::build(release).map(|_| ()),
        Some("run") => run::run(release),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(args.get(1).map(String::as_str)),
        _ => {
            eprintln!("usage: cargo xtask <web|run|test|bench> [--release]");
            std::process::exit(2);
        }
    }
}
