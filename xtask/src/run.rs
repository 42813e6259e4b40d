//! `cargo xtask run`: build the web client and the server, import the demo people, and serve
//! with the MitID simulator on, at http://127.0.0.1:8080 unless SAMMEN_LISTEN says otherwise.

use std::process::Command;

use crate::util::{cargo, root, run as sh, sammen_binary};

pub fn run(release: bool) -> anyhow::Result<()> {
    crate::web::build(release)?;
    let mut build = cargo();
    build.args(["build", "-p", "sammen"]);
    if release {
        build.arg("--release");
    }
    sh(&mut build)?;
    let binary = sammen_binary(release);
    let listen = std::env::var("SAMMEN_LISTEN").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let with_env = |cmd: &mut Command| {
        cmd.current_dir(root())
            .env("SAMMEN_DEV_IDP__ENABLED", "true")
            .env("SAMMEN_LISTEN", &listen)
            .env("SAMMEN_WEB_DIST", root().join("dist"));
    };
    let mut seed = Command::new(&binary);
    seed.args(["seed-demo", "--examples"]);
    with_env(&mut seed);
    sh(&mut seed)?;

    println!();
    println!("Sammen: http://{listen}/");
    println!(
        "Demo logins (MitID simulator; choose on its page, or add ?login_hint=<name> to the login URL):"
    );
    println!(
        "  citizens:    freja (young, choosing an education), henrik (sick-listed), sofie (cognitive"
    );
    println!(
        "               limitation), karim (unemployed academic), ukendt (not known to the jobcentre)"
    );
    println!(
        "  caseworkers: mette.hansen, lars.jensen (Team Nord, each other's backup); vikar.it (no access)"
    );
    println!();
    let mut serve = Command::new(&binary);
    serve.arg("serve");
    with_env(&mut serve);
    sh(&mut serve)
}
