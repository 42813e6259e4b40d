//! The frame of a server-rendered page: the same DKFDS header, footer and language switcher the
//! web client draws (`frontend/src/components/{header,footer,language}.rs`), so that when the
//! client takes a page over nothing on the screen moves.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use shared::Lang;
use shared::i18n::texts;

use crate::state::AppState;

pub fn icon(name: &str) -> String {
    format!(
        r##"<svg class="icon-svg" focusable="false" aria-hidden="true"><use href="#{name}"></use></svg>"##
    )
}

/// A server-rendered page.
pub struct Page<'a> {
    pub lang: Lang,
    /// The page's own name; the browser tab reads "{title} – Sammen".
    pub title: &'a str,
    /// Where the language links lead: `/` (the start page), or `""` for this page itself.
    pub lang_base: &'a str,
    /// Who is logged in, for the header and menu; `None` before login.
    pub citizen: Option<LoggedIn<'a>>,
    pub main: String,
    /// Load the web client behind the page, to take it over when it has arrived.
    pub with_client: bool,
}

/// The logged-in citizen, as the header shows them.
#[derive(Clone, Copy)]
pub struct LoggedIn<'a> {
    pub name: &'a str,
    /// This page's path, marked in the menu.
    pub current: &'a str,
    /// The session's token, for the "Log af" form.
    pub csrf: &'a str,
}

/// The citizen's menu, in the web client's order (its routes are in `frontend/src/app.rs`).
fn citizen_menu(lang: Lang) -> [(&'static str, &'static str); 6] {
    let t = texts(lang);
    [
        ("/mit-overblik", t.overview_title),
        ("/min-plan", t.plan.title),
        ("/beskeder", t.messages.title),
        ("/moeder", t.meetings_heading),
        ("/min-profil", t.profile.title),
        ("/hvem-har-set-mine-oplysninger", t.profile.access_log_title),
    ]
}

/// A plain server-rendered page with one heading and one paragraph (e.g. "try again shortly"),
/// in the portal's frame.
pub fn notice(state: &AppState, lang: Lang, title: &str, body: &str) -> String {
    let main = format!(
        r##"<h1 id="page-heading" tabindex="-1">{}</h1>
<p class="font-lead">{}</p>
<p><a class="button button-secondary" href="/">{}</a></p>"##,
        text(title),
        text(body),
        text(texts(lang).to_front_page)
    );
    render(
        state,
        &Page {
            lang,
            title,
            lang_base: "/",
            citizen: None,
            main,
            with_client: false,
        },
    )
}

pub fn render(state: &AppState, page: &Page) -> String {
    let (lang, t) = (page.lang, texts(page.lang));
    let (boot_open, boot_close, script) = if page.with_client {
        (
            "<div id=\"boot\" data-server-rendered>\n",
            "</div>\n<div id=\"main\"></div>\n",
            state.shell.boot_script.as_str(),
        )
    } else {
        ("", "", "")
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{tagline}">
<link rel="icon" href="data:,">
{head_links}
{script}
</head>
<body>
{banner}<div class="hide-base-svg">{sprite}</div>
{boot_open}{header}
<main id="main-content" class="container page-container">
{main}
</main>
{footer}
{boot_close}</body>
</html>"##,
        lang = lang.code(),
        title = text(&t.page_title(page.title)),
        tagline = attr(t.app_tagline),
        head_links = state.shell.head_links,
        banner = crate::http::static_files::dev_banner(&state.settings),
        sprite = state.shell.sprite,
        header = header(page),
        main = page.main,
        footer = footer(page),
    )
}

fn header(page: &Page) -> String {
    let (lang, t) = (page.lang, texts(page.lang));
    let other = lang.other();
    let (user, menu, drawer) = match page.citizen {
        None => (String::new(), String::new(), String::new()),
        Some(citizen) => citizen_parts(lang, citizen),
    };
    format!(
        r##"<header class="header">
<a href="#main-content" class="skipnav">{skip}</a>
<div class="portal-info"><div class="portal-info-inner container">
<a href="/" class="logo"><span>{authority}</span></a>
<a class="function-link language-toggle d-print-none" href="{base}?lang={other}" lang="{other}">{globe}{other_name}</a>
{user}</div></div>
<div class="solution-info"><div class="solution-info-inner container">
<div class="solution-heading"><a href="/">{app}</a></div>
<div class="additional-info"><p>{phone_label}: {phone}</p></div>
</div></div>
{menu}{drawer}</header>"##,
        skip = text(t.skip_link),
        authority = text(t.authority_name),
        base = page.lang_base,
        other = other.code(),
        globe = icon("language"),
        other_name = text(texts(other).language_name),
        app = text(t.app_name),
        phone_label = text(t.support_phone_label),
        phone = text(t.support_phone),
    )
}

/// The logged-in parts of the header: the name, "Log af", the menu, and on phones a drawer with
/// the same things. Until the web client has arrived they work without script: the drawer is
/// the `:target` of "Menu", and "Log af" is a form (`logout.rs`).
fn citizen_parts(lang: Lang, citizen: LoggedIn) -> (String, String, String) {
    let t = texts(lang);
    let (name, current) = (citizen.name, citizen.current);
    let logout = format!(
        r##"<form class="contents" method="post" action="{path}"><input type="hidden" name="csrf" value="{csrf}"><button class="function-link d-print-none log-off">{icon}{label}</button></form>"##,
        path = super::logout::PATH,
        csrf = attr(citizen.csrf),
        icon = icon("lock"),
        label = text(t.logout)
    );
    let user_line = format!(
        r##"<p class="user"><span class="sr-only">{} </span>{}</p>"##,
        text(t.logged_in_as),
        text(name)
    );
    let user = format!(
        r##"<a class="function-link button-menu-open js-menu-open ml-auto d-print-none" href="#menu-drawer">{}{}</a>
<div class="portal-user">{user_line}{logout}</div>
"##,
        icon("menu"),
        text(t.menu_open)
    );
    let items = |mark_current: bool| -> String {
        citizen_menu(lang)
            .iter()
            .map(|(path, label)| {
                let here = mark_current && *path == current;
                format!(
                    r##"<li class="{class}"><a class="nav-link" href="{path}"{aria}><span>{label}</span></a></li>"##,
                    class = if here { "active current" } else { "" },
                    aria = if mark_current {
                        format!(r#" aria-current="{}""#, if here { "page" } else { "false" })
                    } else {
                        String::new()
                    },
                    label = text(label),
                )
            })
            .collect()
    };
    let menu = format!(
        r##"<div class="navigation-menu"><div class="navigation-menu-inner container">
<nav class="nav" aria-label="{label}"><ul class="mainmenu">{items}</ul></nav>
</div></div>
"##,
        label = attr(t.main_menu),
        items = items(true),
    );
    let drawer = format!(
        r##"<div id="menu-drawer" class="mobile-drawer">
<div class="menu-top"><h2 id="menu-heading" class="menu-heading">{menu_open}</h2>
<a class="function-link button-menu-close" href="#">{close}{menu_close}</a></div>
<nav class="navigation-menu-mobile" aria-label="{label}"><ul class="mainmenu">{items}</ul></nav>
<div class="solution-info-mobile"><p class="mb-2"><strong class="authority-name">{authority}</strong></p><p>{phone_label}: {phone}</p></div>
<div class="portal-info-mobile">{user_line}<div>{logout}</div></div>
</div>
"##,
        menu_open = text(t.menu_open),
        close = icon("close"),
        menu_close = text(t.menu_close),
        label = attr(t.main_menu),
        items = items(false),
        authority = text(t.authority_name),
        phone_label = text(t.support_phone_label),
        phone = text(t.support_phone),
    );
    (user, menu, drawer)
}

fn footer(page: &Page) -> String {
    let (lang, t) = (page.lang, texts(page.lang));
    let switcher: String = std::iter::once(lang)
        .chain(Lang::ALL.into_iter().filter(|l| *l != lang))
        .map(|l| {
            let current = l == lang;
            format!(
                r##"<li><a href="{base}?lang={code}" lang="{code}" aria-current="{current}">{check}{name}</a></li>"##,
                base = page.lang_base,
                code = l.code(),
                check = if current { icon("check") } else { String::new() },
                name = text(texts(l).language_name),
            )
        })
        .collect();
    format!(
        r##"<footer>
<div class="footer"><div class="container"><div class="row">
<div class="col-12 col-md-6 footer-col"><h2 class="h5 mt-0">{footer_heading}</h2><p class="mb-0"><strong>{authority}</strong></p></div>
<div class="col-12 col-md-6 footer-col"><p class="mb-0">{phone_label}: {phone}</p><p class="mt-0">{hours}</p></div>
</div></div></div>
<div class="language-switcher"><div class="container"><ul aria-label="{switch_label}">{switcher}</ul></div></div>
</footer>"##,
        footer_heading = text(t.footer_heading),
        authority = text(t.authority_name),
        phone_label = text(t.support_phone_label),
        phone = text(t.support_phone),
        hours = text(t.support_hours),
        switch_label = attr(t.language_switch_label),
    )
}
