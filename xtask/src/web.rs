//! Builds the web client into `dist/` without `dx`:
//! cargo (wasm32) → wasm-bindgen (as a library) → wasm-opt -Oz (npm binaryen, release only) →
//! DKFDS CSS, fonts and icons from npm `dkfds` → content-hashed names in index.html →
//! brotli and gzip siblings for every text file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};
use shared::Lang;
use shared::i18n::texts;

use crate::util::{cargo, ensure_wasm_target, npm_ci, require_program, root, run};

/// The DKFDS icons the client uses; only these go into the page's inline sprite.
const ICONS: &[&str] = &["lock", "menu", "close", "check", "language"];
/// IBM Plex Sans weights DKFDS uses, Latin-1 subsets.
const FONTS: &[&str] = &["Regular", "Medium", "SemiBold", "Bold"];

pub fn build(release: bool) -> anyhow::Result<PathBuf> {
    let root = root();
    let frontend = root.join("frontend");
    require_program("npm", "Node.js and npm", "apt-get install nodejs npm")?;
    ensure_wasm_target()?;
    npm_ci(&frontend, "dkfds")?;

    let profile = if release { "wasm-release" } else { "dev" };
    run(cargo().args([
        "build",
        "-p",
        "frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        profile,
    ]))?;
    let profile_dir = if release { "wasm-release" } else { "debug" };
    let wasm = root
        .join("target/wasm32-unknown-unknown")
        .join(profile_dir)
        .join("frontend.wasm");

    let staging = root.join("target/web-staging");
    recreate(&staging)?;
    eprintln!("$ wasm-bindgen {}", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name("sammen")
        .keep_debug(false)
        .remove_name_section(release)
        .remove_producers_section(true)
        .generate(&staging)
        .context("wasm-bindgen failed")?;
    let bindgen_wasm = staging.join("sammen_bg.wasm");
    if release {
        let optimised = staging.join("sammen_bg.opt.wasm");
        run(Command::new("node")
            .arg(frontend.join("node_modules/binaryen/bin/wasm-opt"))
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-mutable-globals",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(&bindgen_wasm)
            .arg("-o")
            .arg(&optimised))?;
        fs::rename(&optimised, &bindgen_wasm)?;
    }

    let dist = root.join("dist");
    recreate(&dist)?;
    let assets = dist.join("assets");
    for dir in ["js", "css", "fonts", "img"] {
        fs::create_dir_all(assets.join(dir))?;
    }

    // Script and wasm. The glue imports its snippets relative to itself.
    let wasm_name = hashed_copy(&bindgen_wasm, &assets.join("js"), "sammen_bg", "wasm")?;
    let glue_name = hashed_copy(
        &staging.join("sammen.js"),
        &assets.join("js"),
        "sammen",
        "js",
    )?;
    if staging.join("snippets").exists() {
        copy_dir(&staging.join("snippets"), &assets.join("js/snippets"))?;
    }
    // On a page the server rendered (backend/src/server_pages) people can read already, so the
    // client's files wait until the page's own have come; index.html starts the client at once.
    let boot = format!(
        "const start = () => import(\"./{glue_name}\")\n  \
         .then(m => m.default({{ module_or_path: \"/assets/js/{wasm_name}\" }}));\n\
         const rendered = document.getElementById(\"boot\")?.hasAttribute(\"data-server-rendered\");\n\
         if (rendered && document.readyState !== \"complete\") addEventListener(\"load\", start, {{ once: true }});\n\
         else start();\n"
    );
    let boot_name = hashed_write(boot.as_bytes(), &assets.join("js"), "boot", "js")?;

    // Styles, fonts, icons.
    let dkfds = frontend.join("node_modules/dkfds/dist");
    let css = strip_placeholder_logos(&strip_font_faces(&fs::read_to_string(
        dkfds.join("css/dkfds.min.css"),
    )?));
    let dkfds_css = hashed_write(css.as_bytes(), &assets.join("css"), "dkfds", "css")?;
    let app_css = hashed_copy(
        &frontend.join("style/app.css"),
        &assets.join("css"),
        "app",
        "css",
    )?;
    copy_dir(&dkfds.join("img/svg-icons"), &assets.join("img/svg-icons"))?;
    for weight in FONTS {
        let name = format!("IBMPlexSans-{weight}-Latin1.woff2");
        fs::copy(
            dkfds.join("fonts/IBMPlexSans/split/woff2").join(&name),
            assets.join("fonts").join(&name),
        )?;
    }
    fs::copy(
        frontend.join("node_modules/dkfds/LICENSE.md"),
        assets.join("DKFDS-LICENSE.md"),
    )?;
    // A file the stylesheet names but the build does not ship is a 404 in some browser state.
    for name in css
        .split("url(../img/")
        .skip(1)
        .filter_map(|r| r.split(')').next())
    {
        if !assets.join("img").join(name).exists() {
            bail!("dkfds.css names img/{name}, which the web client does not ship");
        }
    }
    let sprite = icon_sprite(&fs::read_to_string(dkfds.join("img/all-svg-icons.svg"))?)?;

    let head = format!(
        "<link rel=\"preload\" href=\"/assets/fonts/IBMPlexSans-Regular-Latin1.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n\
         <link rel=\"preload\" href=\"/assets/fonts/IBMPlexSans-SemiBold-Latin1.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n\
         <link rel=\"preload\" href=\"/assets/fonts/IBMPlexSans-Bold-Latin1.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n\
         <link rel=\"stylesheet\" href=\"/assets/css/{dkfds_css}\">\n\
         <link rel=\"stylesheet\" href=\"/assets/css/{app_css}\">\n\
         <link rel=\"modulepreload\" href=\"/assets/js/{glue_name}\">\n\
         <link rel=\"preload\" href=\"/assets/js/{wasm_name}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
         <script type=\"module\" src=\"/assets/js/{boot_name}\"></script>"
    );
    let (da, en) = (texts(Lang::Da), texts(Lang::En));
    let index = fs::read_to_string(frontend.join("index.html"))?
        .replace("{{HEAD}}", &head)
        .replace("{{ICONS}}", &sprite)
        .replace("{{APP_NAME}}", da.app_name)
        .replace("{{TAGLINE}}", da.app_tagline)
        .replace("{{LOADING_DA}}", da.loading)
        .replace("{{LOADING_EN}}", en.loading)
        .replace("{{NOSCRIPT_DA}}", da.noscript)
        .replace("{{NOSCRIPT_EN}}", en.noscript);
    if index.contains("{{") {
        bail!("frontend/index.html has a placeholder the build does not fill");
    }
    fs::write(dist.join("index.html"), index)?;

    compress_tree(&dist, release)?;
    eprintln!("web client built into {}", dist.display());
    Ok(dist)
}

fn recreate(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    Ok(())
}

fn short_hash(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes)[..6])
}

fn hashed_write(bytes: &[u8], dir: &Path, stem: &str, ext: &str) -> anyhow::Result<String> {
    let name = format!("{stem}-{}.{ext}", short_hash(bytes));
    fs::write(dir.join(&name), bytes)?;
    Ok(name)
}

fn hashed_copy(source: &Path, dir: &Path, stem: &str, ext: &str) -> anyhow::Result<String> {
    let bytes = fs::read(source).with_context(|| format!("cannot read {}", source.display()))?;
    hashed_write(&bytes, dir, stem, ext)
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// DKFDS puts a placeholder logo image behind `.logo`; Sammen shows the authority's name there
/// (app.css) and does not ship the image. A page styled before app.css had come (a script that
/// forced layout early) asked for it and got a 404.
fn strip_placeholder_logos(css: &str) -> String {
    css.replace(
        "background-image:url(../img/logo-header-placeholder.png);",
        "",
    )
    .replace("background-image:url(../img/logo-placeholder.png);", "")
}

/// Removes every `@font-face{...}` rule (our app.css declares the subset fonts instead).
fn strip_font_faces(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("@font-face") {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// An inline `<svg>` with only the `<symbol>`s the client uses, taken from DKFDS's sprite.
fn icon_sprite(all: &str) -> anyhow::Result<String> {
    let mut symbols = String::new();
    for id in ICONS {
        let marker = format!("id=\"{id}\"");
        let at = all
            .find(&marker)
            .with_context(|| format!("DKFDS has no icon {id}"))?;
        let start = all[..at].rfind("<symbol").context("malformed sprite")?;
        let end =
            start + all[start..].find("</symbol>").context("malformed sprite")? + "</symbol>".len();
        symbols.push_str(&all[start..end]);
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{symbols}</svg>"
    ))
}

/// Writes `.br` and `.gz` next to every text file, for the server to send as they are.
fn compress_tree(dir: &Path, best: bool) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            compress_tree(&path, best)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "js" | "css" | "wasm" | "svg" | "md") {
            continue;
        }
        let bytes = fs::read(&path)?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: if best { 11 } else { 5 },
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)?;
        fs::write(with_suffix(&path, "br"), br)?;
        let level = if best {
            flate2::Compression::best()
        } else {
            flate2::Compression::fast()
        };
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
        gz.write_all(&bytes)?;
        fs::write(with_suffix(&path, "gz"), gz.finish()?)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}
