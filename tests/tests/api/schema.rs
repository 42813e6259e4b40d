//! Both engines run migrations of the same names and meaning (ADR 1). This checks that they
//! really end in the same schema: tables, columns, nullability, primary keys, unique keys,
//! indexes, and which changes of which table fire a trigger (the ready plans' staleness rests on
//! them). Column types differ by design (BLOB vs UUID) and are not compared, nor are the
//! triggers' bodies (PL/pgSQL against SQLite's statements).

use std::collections::BTreeSet;

use sammen::db::Db;
use tests::{Engine, TestApp};

/// One fact about the schema, as a comparable line.
type Facts = BTreeSet<String>;

async fn sqlite_facts(db: &Db) -> Facts {
    let Db::Sqlite { read, .. } = db else {
        unreachable!()
    };
    let mut facts = Facts::new();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '_sqlx_%'",
    )
    .fetch_all(read)
    .await
    .unwrap();
    for (table,) in tables {
        facts.insert(format!("table {table}"));
        let columns: Vec<(i64, String, String, i64, Option<String>, i64)> =
            sqlx::query_as(&format!("PRAGMA table_info('{table}')"))
                .fetch_all(read)
                .await
                .unwrap();
        for (_, name, _, notnull, _, pk) in &columns {
            // A primary key column is never null, whether or not SQLite was told so.
            let null = if *notnull == 1 || *pk > 0 {
                "not null"
            } else {
                "null"
            };
            facts.insert(format!("column {table}.{name} {null}"));
        }
        let mut pk: Vec<(i64, String)> = columns
            .iter()
            .filter(|c| c.5 > 0)
            .map(|c| (c.5, c.1.clone()))
            .collect();
        pk.sort();
        if !pk.is_empty() {
            let names: Vec<_> = pk.into_iter().map(|(_, n)| n).collect();
            facts.insert(format!("primary key {table}({})", names.join(",")));
        }
        let indexes: Vec<(i64, String, i64, String, i64)> =
            sqlx::query_as(&format!("PRAGMA index_list('{table}')"))
                .fetch_all(read)
                .await
                .unwrap();
        for (_, index, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            let cols: Vec<(i64, i64, Option<String>)> =
                sqlx::query_as(&format!("PRAGMA index_info('{index}')"))
                    .fetch_all(read)
                    .await
                    .unwrap();
            let cols: Vec<String> = cols.into_iter().filter_map(|c| c.2).collect();
            let kind = if unique == 1 { "unique" } else { "index" };
            let partial = if partial == 1 { " partial" } else { "" };
            facts.insert(format!("{kind}{partial} {table}({})", cols.join(",")));
        }
    }
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(read)
            .await
            .unwrap();
    for (table, sql) in triggers {
        // SQLite's triggers fire on one event each: `AFTER INSERT ON …`, `BEFORE UPDATE ON …`,
        // `AFTER UPDATE OF … ON …`.
        let fires = ["BEFORE", "AFTER"]
            .into_iter()
            .flat_map(|t| ["INSERT", "UPDATE", "DELETE"].map(|e| (t, e)))
            .find(|(timing, event)| sql.contains(&format!("{timing} {event}")))
            .unwrap_or_else(|| panic!("a trigger of an unknown kind: {sql}"));
        facts.insert(format!(
            "trigger {table} {} {}",
            fires.0.to_lowercase(),
            fires.1
        ));
    }
    facts
}

async fn postgres_facts(db: &Db) -> Facts {
    let Db::Postgres { pool, .. } = db else {
        unreachable!()
    };
    let mut facts = Facts::new();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
         AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table,) in &tables {
        facts.insert(format!("table {table}"));
    }
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, nullable) in columns {
        let null = if nullable == "NO" { "not null" } else { "null" };
        facts.insert(format!("column {table}.{name} {null}"));
    }
    // Every index, with its columns in order; the primary key's own as "primary key".
    let indexes: Vec<(String, bool, bool, bool, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, ix.indisprimary, ix.indisunique, ix.indpred IS NOT NULL, \
         ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n) \
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace s ON s.oid = t.relnamespace \
         WHERE s.nspname = 'public' AND t.relname NOT LIKE '_sqlx_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, primary, unique, partial, cols) in indexes {
        let cols = cols.join(",");
        if primary {
            facts.insert(format!("primary key {table}({cols})"));
        } else {
            let kind = if unique { "unique" } else { "index" };
            let partial = if partial { " partial" } else { "" };
            facts.insert(format!("{kind}{partial} {table}({cols})"));
        }
    }
    let triggers: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT event_object_table::text, action_timing::text, event_manipulation::text \
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, timing, event) in triggers {
        facts.insert(format!("trigger {table} {} {event}", timing.to_lowercase()));
    }
    facts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_engines_end_in_the_same_schema() {
    let sqlite = TestApp::spawn(Engine::Sqlite).await;
    let postgres = TestApp::spawn(Engine::Postgres).await;
    let on_sqlite = sqlite_facts(&sqlite.db).await;
    let on_postgres = postgres_facts(&postgres.db).await;
    let only_sqlite: Vec<_> = on_sqlite.difference(&on_postgres).collect();
    let only_postgres: Vec<_> = on_postgres.difference(&on_sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the schemas differ\nonly on SQLite: {only_sqlite:#?}\nonly on PostgreSQL: {only_postgres:#?}"
    );
    assert!(
        on_sqlite.len() > 50,
        "the schema was read ({} facts)",
        on_sqlite.len()
    );
    for event in ["INSERT", "UPDATE", "DELETE"] {
        assert!(
            on_sqlite.contains(&format!("trigger step_comments after {event}")),
            "the triggers were read"
        );
    }
    sqlite.stop().await;
    postgres.stop().await;
}
