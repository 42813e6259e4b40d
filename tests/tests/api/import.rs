//! `sammen import`: all rows or none, problems by line number, re-import changes nothing.

use sammen::people::import::{ImportError, ImportReport, import_csv};
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
    the_demo_examples_tell_a_story_and_are_added_once,
    importing_the_same_file_again_changes_nothing,
    a_bad_row_is_reported_by_line_and_nothing_is_kept,
    changed_rows_update_people_and_assignments,
    a_spreadsheet_file_with_a_bom_and_semicolons_imports,
    a_cpr_twice_in_one_file_is_refused_and_nothing_is_kept,
    removing_the_backup_caseworker_takes_their_access_away,
    a_caseworkers_email_comes_from_the_file_or_from_their_login,
);

/// Freja's name and caseworkers as the database has them now.
async fn freja(app: &TestApp) -> (String, String, Option<String>) {
    sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), c => sqlx::query_as(
        "SELECT z.name, p.employee_login, b.employee_login FROM citizens z \
         JOIN caseload l ON l.citizen_id = z.id \
         JOIN caseworkers p ON p.id = l.primary_caseworker_id \
         LEFT JOIN caseworkers b ON b.id = l.backup_caseworker_id \
         WHERE z.name LIKE 'Freja%'")
        .fetch_one(c)
        .await)
    .expect("Freja is in the caseload")
}

async fn importing_the_same_file_again_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let before = (
        app.count("citizens").await,
        app.count("caseworkers").await,
        app.count("caseload").await,
    );

    let report = import_csv(
        &app.db,
        sammen::dev_idp::DEMO_PEOPLE_CSV.as_bytes(),
        &app.settings.cpr_key,
    )
    .await
    .unwrap();

    assert_eq!(
        report,
        ImportReport {
            unchanged: 6,
            ..ImportReport::default()
        }
    );
    let after = (
        app.count("citizens").await,
        app.count("caseworkers").await,
        app.count("caseload").await,
    );
    assert_eq!(before, after);
    app.stop().await;
}

async fn a_bad_row_is_reported_by_line_and_nothing_is_kept(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let citizens = app.count("citizens").await;
    let file = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n\
                caseworker,Nina Holm,,nina.holm,Team Syd,,\n\
                citizen,Ole Berg,010203-4444,,,nina.holm,\n\
                citizen,Bo Dahl,999999-9999,,,nina.holm,\n\
                citizen,,020304-5555,,,nina.holm,\n\
                citizen,Eva Juhl,030405-6666,,,ukendt.person,\n";

    let err = import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap_err();

    let ImportError::Rows(rows) = err else {
        panic!("expected row problems")
    };
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        vec![4, 5],
        "the invalid CPR (line 4) and the missing name (line 5): {rows:?}"
    );
    assert!(
        rows.iter().all(|r| !r.message.contains("999999")),
        "the CPR is not echoed"
    );
    assert_eq!(app.count("citizens").await, citizens, "nothing was kept");
    assert_eq!(
        app.count("caseworkers").await,
        2,
        "not even the good caseworker row"
    );

    // Fixing those two leaves the unknown caseworker, which is only found against the database.
    let file = file
        .replace("999999-9999", "040506-7777")
        .replace("citizen,,", "citizen,Al Ny,");
    let err = import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap_err();
    let ImportError::Rows(rows) = err else {
        panic!("expected row problems")
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 6);
    assert!(rows[0].message.contains("ukendt.person"));
    assert_eq!(
        app.count("caseworkers").await,
        2,
        "the transaction was rolled back"
    );
    app.stop().await;
}

async fn changed_rows_update_people_and_assignments(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let file = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n\
                caseworker,Mette Hansen,,mette.hansen,Team Syd,,\n\
                citizen,Freja B. Nielsen,150307-1236,,,lars.jensen,mette.hansen\n";

    let report = import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap();

    assert_eq!(
        report,
        ImportReport {
            caseworkers_updated: 1,
            citizens_updated: 1,
            assignments_changed: 1,
            ..ImportReport::default()
        }
    );
    assert_eq!(
        app.count("citizens").await,
        4,
        "matched by CPR, not duplicated"
    );
    assert_eq!(
        freja(&app).await,
        (
            "Freja B. Nielsen".to_string(),
            "lars.jensen".to_string(),
            Some("mette.hansen".to_string())
        ),
        "the new name and the swapped caseworkers are what Sammen now holds"
    );
    let team: (String,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), c => sqlx::query_as(
        "SELECT team FROM caseworkers WHERE employee_login = 'mette.hansen'").fetch_one(c).await)
    .unwrap();
    assert_eq!(team.0, "Team Syd");
    app.stop().await;
}

async fn a_spreadsheet_file_with_a_bom_and_semicolons_imports(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let file = "\u{feff}type;name;cpr;employee_login;team;primary_caseworker;backup_caseworker\r\n\
                citizen;Freja Nielsen-Holm;150307-1236;;;mette.hansen;lars.jensen\r\n\
                citizen;Ida Bæk;010190-1234;;;lars.jensen;\r\n";

    let report = import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap();

    assert_eq!(report.citizens_created, 1, "{report:?}");
    assert_eq!(report.citizens_updated, 1, "{report:?}");
    assert_eq!(
        freja(&app).await.0,
        "Freja Nielsen-Holm",
        "no mark before the first column"
    );
    let ida: (String,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), c => sqlx::query_as(
        "SELECT name FROM citizens WHERE name LIKE 'Ida%'").fetch_one(c).await)
    .unwrap();
    assert_eq!(ida.0, "Ida Bæk");
    app.stop().await;
}

async fn a_cpr_twice_in_one_file_is_refused_and_nothing_is_kept(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let citizens = app.count("citizens").await;
    let file = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n\
                citizen,Ida Bæk,010190-1234,,,lars.jensen,\n\
                citizen,Ida B. Bæk,010190-1234,,,mette.hansen,\n";

    let err = import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap_err();

    let ImportError::Rows(rows) = err else {
        panic!("expected row problems")
    };
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].line, 3, "the second time it appears");
    assert!(rows[0].message.contains("more than once"));
    assert!(!rows[0].message.contains("010190"), "the CPR is not echoed");
    assert_eq!(app.count("citizens").await, citizens, "nothing was kept");
    app.stop().await;
}

async fn removing_the_backup_caseworker_takes_their_access_away(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut lars = app.browser();
    lars.login(shared::auth::LoginKind::Employee, "lars.jensen")
        .await;
    let freja_id = lars.citizen_id("Freja Nielsen").await;
    let (status, _) = lars
        .get_json(&format!("/api/v1/citizens/{freja_id}/plan"))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "Lars is Freja's backup");

    let file = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n\
                citizen,Freja Nielsen,150307-1236,,,mette.hansen,\n";
    let report = import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap();

    assert_eq!(report.assignments_changed, 1, "{report:?}");
    assert_eq!(freja(&app).await.2, None, "no backup caseworker any more");
    let (status, _) = lars
        .get_json(&format!("/api/v1/citizens/{freja_id}/plan"))
        .await;
    assert_eq!(
        status,
        reqwest::StatusCode::NOT_FOUND,
        "Lars no longer reaches Freja's plan"
    );
    app.stop().await;
}

async fn the_demo_examples_tell_a_story_and_are_added_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(
        sammen::demo::seed_examples(&app.db, &app.settings.cpr_key)
            .await
            .unwrap(),
        4
    );
    assert_eq!(
        sammen::demo::seed_examples(&app.db, &app.settings.cpr_key)
            .await
            .unwrap(),
        0,
        "only where empty"
    );

    let mut karim = app.browser();
    karim.login(shared::auth::LoginKind::Citizen, "karim").await;
    let (_, plan) = karim.get_json("/api/v1/me/plan").await;
    let done = &plan["steps"][0];
    assert_eq!(done["status"], "done");
    assert!(
        done["helped_citizen"].is_string() && done["helped_caseworker"].is_string(),
        "achieved together"
    );
    assert_eq!(
        plan["requests"][0]["answer"],
        serde_json::Value::Null,
        "a question waits for an answer"
    );

    let mut freja = app.browser();
    freja.login(shared::auth::LoginKind::Citizen, "freja").await;
    let (_, overview) = freja.get_json("/api/v1/overview").await;
    assert_eq!(overview["plan"]["awaiting_your_agreement"], 1);
    assert_eq!(overview["plan"]["requests_waiting"], 1);
    app.stop().await;
}

async fn a_caseworkers_email_comes_from_the_file_or_from_their_login(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let email_of = |login: &'static str| {
        let app = &app;
        async move {
            let row: (Option<String>,) = sammen::db_conn!(app.db.reader().await.unwrap().conn(), c => sqlx::query_as(
                "SELECT email FROM caseworkers WHERE employee_login = $1").bind(login).fetch_one(c).await)
            .unwrap();
            row.0
        }
    };
    assert_eq!(email_of("mette.hansen").await, None);
    let bad = "type,name,employee_login,team,email\ncaseworker,Mette Hansen,mette.hansen,Team Nord,ikke-en-adresse\n";
    let err = import_csv(&app.db, bad.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("not an email address"),
        "{err:?}"
    );
    let good = "type,name,employee_login,team,email\ncaseworker,Mette Hansen,mette.hansen,Team Nord,Mette.Hansen@Kommune.dk\n";
    let report: ImportReport = import_csv(&app.db, good.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap();
    assert_eq!(report.caseworkers_updated, 1, "{report:?}");
    assert_eq!(
        email_of("mette.hansen").await.as_deref(),
        Some("mette.hansen@kommune.dk")
    );
    // Lars logs in; the employee login's `email` claim is kept.
    let mut lars = app.browser();
    lars.login(shared::auth::LoginKind::Employee, "lars.jensen")
        .await;
    assert_eq!(
        email_of("lars.jensen").await.as_deref(),
        Some("lars.jensen@kommune.example")
    );
    app.stop().await;
}
