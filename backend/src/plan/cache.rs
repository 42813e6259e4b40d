//! Ready-made answers to "show me my plan", kept per citizen with the plan's version. Every
//! change to a plan raises its version (in the change's transaction), so a copy is served only
//! while the database still has the version it was made from: one small query instead of four,
//! and no serialising. Several instances each keep their own copies and stay correct, because
//! the version is always read from the shared database.
//!
//! Names in a plan (the citizen's, commenters') can change outside the plan, through `sammen
//! import`; copies older than `MAX_AGE` are therefore made again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use quick_cache::sync::Cache;
use uuid::Uuid;

use crate::db::Conn;
use crate::db_conn;

const MAX_AGE: Duration = Duration::from_secs(60);
/// About 3 KB per plan: 20,000 plans is some 60 MB at most.
const CAPACITY: usize = 20_000;

struct Copy {
    version: i64,
    made: Instant,
    json: Bytes,
}

#[derive(Clone)]
pub struct PlanCache(Arc<Cache<Uuid, Arc<Copy>>>);

impl Default for PlanCache {
    fn default() -> Self {
        PlanCache(Arc::new(Cache::new(CAPACITY)))
    }
}

impl PlanCache {
    /// The stored JSON of a plan if it was made from `version` and is not too old.
    pub fn get(&self, citizen_id: Uuid, version: i64) -> Option<Bytes> {
        self.0
            .get(&citizen_id)
            .filter(|c| c.version == version && c.made.elapsed() < MAX_AGE)
            .map(|c| c.json.clone())
    }

    pub fn put(&self, citizen_id: Uuid, version: i64, json: Bytes) {
        self.0.insert(
            citizen_id,
            Arc::new(Copy {
                version,
                made: Instant::now(),
                json,
            }),
        );
    }
}

/// The plan's current version; 0 for a citizen who has no plan row yet.
pub async fn version(conn: &mut Conn<'_>, citizen_id: Uuid) -> Result<i64, sqlx::Error> {
    let row: Option<(i64,)> = db_conn!(conn, c => sqlx::query_as("SELECT version FROM plans WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(row.map(|r| r.0).unwrap_or(0))
}
