//! The simulator's test identities: the people of the demo seed, plus one citizen and one
//! employee the jobcentre does not know (to show what they see).

use serde::Deserialize;
use serde_json::{Map, Value, json};
use shared::auth::LoginKind;

/// The demo seed, the same file `cargo xtask run` imports.
pub const DEMO_PEOPLE_CSV: &str = include_str!("../../demo/people.csv");

#[derive(Clone, Debug)]
pub struct Identity {
    /// What `login_hint` names it by: a first name for citizens, the login for employees.
    pub hint: String,
    pub name: String,
    pub about: String,
    /// Claims that go in the ID token itself.
    pub token_claims: Map<String, Value>,
    /// Claims only handed out at UserInfo. Like Signaturgruppen, the CPR number and name of
    /// a citizen stay out of the ID token, which travels through the browser at logout.
    pub userinfo_claims: Map<String, Value>,
}

#[derive(Deserialize)]
struct DemoRow {
    #[serde(rename = "type")]
    kind: String,
    name: String,
    cpr: String,
    employee_login: String,
    team: String,
    about: String,
}

pub fn identities(kind: LoginKind) -> Vec<Identity> {
    let mut reader = csv::Reader::from_reader(DEMO_PEOPLE_CSV.as_bytes());
    let mut out: Vec<Identity> = reader
        .deserialize::<DemoRow>()
        .filter_map(Result::ok)
        .filter_map(|row| match (kind, row.kind.as_str()) {
            (LoginKind::Citizen, "citizen") => Some(citizen(&row.name, &row.cpr, &row.about)),
            (LoginKind::Employee, "caseworker") => Some(employee(
                &row.employee_login,
                &row.name,
                &format!("{} · {}", row.about, row.team),
            )),
            _ => None,
        })
        .collect();
    match kind {
        LoginKind::Citizen => out.push(citizen(
            "Ukendt Testperson",
            "010190-4321",
            "Kendes ikke af jobcentret",
        )),
        LoginKind::Employee => out.push(employee(
            "vikar.it",
            "Viktor Vikar",
            "Har et medarbejderlogin, men er ikke sagsbehandler",
        )),
    }
    out
}

fn citizen(name: &str, cpr: &str, about: &str) -> Identity {
    let cpr: String = cpr.chars().filter(char::is_ascii_digit).collect();
    let hint = name
        .split_whitespace()
        .next()
        .unwrap_or(name)
        .to_lowercase();
    let mitid_uuid = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("sammen-demo-mitid-{cpr}").as_bytes(),
    );
    let token_claims = json!({ "idp": "mitid", "identity_type": "private" });
    let userinfo_claims = json!({
        "mitid.uuid": mitid_uuid.to_string(),
        "mitid.identity_name": name,
        "mitid.has_cpr": true,
        "dk.cpr": cpr,
        "name": name,
    });
    Identity {
        hint,
        name: name.into(),
        about: about.into(),
        token_claims: as_map(token_claims),
        userinfo_claims: as_map(userinfo_claims),
    }
}

fn employee(login: &str, name: &str, about: &str) -> Identity {
    let claims = json!({
        "preferred_username": login,
        "name": name,
        "email": format!("{login}@kommune.example"),
    });
    Identity {
        hint: login.into(),
        name: name.into(),
        about: about.into(),
        token_claims: as_map(claims.clone()),
        userinfo_claims: as_map(claims),
    }
}

fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
