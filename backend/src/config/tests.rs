//! Unit tests of `config`.

use super::*;

#[test]
fn production_refuses_the_simulator() {
    let mut s = Settings {
        mode: Mode::Production,
        ..Settings::default()
    };
    s.dev_idp.enabled = true;
    let err = s.check().unwrap_err().to_string();
    assert!(err.contains("simulator"), "{err}");
}

#[test]
fn a_toml_file_sets_nested_settings() {
    let path = std::env::temp_dir().join(format!("sammen-config-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "listen = \"127.0.0.1:9090\"\n\
         [session]\nidle_timeout_seconds = 900\nidle_warning_seconds = 60\n\
         absolute_timeout_seconds = 3600\nlogin_timeout_seconds = 300\ntouch_interval_seconds = 30\n\
         [citizen_login]\nissuer = \"https://broker.example/op\"\nclient_id = \"kommune\"\n\
         client_secret = \"s3cret\"\nscopes = \"openid mitid ssn\"\nmin_loa = \"substantial\"\n\
         match_claim = \"dk.cpr\"\nextra_params = [[\"idp_values\", \"mitid\"]]\n",
    )
    .unwrap();
    let settings = Settings::load(Some(&path)).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(settings.listen.port(), 9090);
    assert_eq!(settings.session.idle_timeout_seconds, 900);
    assert_eq!(
        settings.citizen_login.extra_params,
        vec![("idp_values".to_string(), "mitid".to_string())]
    );
    assert!(
        !format!("{settings:?}").contains("s3cret"),
        "secrets stay out of debug output"
    );
}

#[test]
fn a_missing_file_or_unknown_key_is_refused() {
    assert!(Settings::load(Some(Path::new("/nonexistent/sammen.toml"))).is_err());
    let path = std::env::temp_dir().join(format!("sammen-config-bad-{}.toml", std::process::id()));
    std::fs::write(&path, "listen_on = \"127.0.0.1:1\"\n").unwrap();
    let err = Settings::load(Some(&path)).unwrap_err();
    let _ = std::fs::remove_file(&path);
    assert!(format!("{err:#}").contains("listen_on"), "{err:#}");
}

#[test]
fn production_refuses_to_start_without_smtp() {
    let login = |issuer: &str| OidcSettings {
        issuer: Some(issuer.into()),
        client_id: Some("sammen".into()),
        client_secret: Some(SecretString::from("s3cret")),
        ..Settings::default().citizen_login
    };
    let mut s = Settings {
        mode: Mode::Production,
        cpr_key: SecretString::from("a-production-key-that-is-long-enough-0123"),
        public_url: Some(Url::parse("https://sammen.kommune.dk/").unwrap()),
        citizen_login: login("https://broker.example/op"),
        employee_login: login("https://login.kommune.dk/"),
        ..Settings::default()
    };
    let err = s.check().unwrap_err().to_string();
    assert!(err.contains("smtp.url"), "{err}");
    s.smtp.url = Some(SecretString::from("smtps://sammen:pw@smtp.kommune.dk:465"));
    s.check().expect("with SMTP it starts");
}

#[test]
fn debug_output_hides_secrets() {
    let s = Settings::default();
    let printed = format!("{s:?}");
    assert!(!printed.contains(DEV_CPR_KEY));
    assert!(!printed.contains("sammen.db"));
}
