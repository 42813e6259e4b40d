//! Ready-made answers to "show me my plan", one per citizen. Every change to a plan is announced
//! (`cache_bus`), so a copy is served only while no change has come since it was made — in
//! this instance or, with PostgreSQL, any other. Names in a plan (the citizen's, commenters')
//! can also change through `sammen import`, outside any plan change; copies older than
//! `MAX_AGE` are therefore made again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use quick_cache::sync::Cache;
use uuid::Uuid;

use crate::cache_bus::{Bus, Stamp};

const MAX_AGE: Duration = Duration::from_secs(60);
/// About 3 KB per plan: 20,000 plans is some 60 MB at most.
const CAPACITY: usize = 20_000;

struct Copy {
    stamp: Stamp,
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
    /// The plan's JSON if a copy is still current.
    pub fn get(&self, bus: &Bus, citizen_id: Uuid) -> Option<Bytes> {
        self.0
            .get(&citizen_id)
            .filter(|c| bus.current(&citizen_id, c.stamp) && c.made.elapsed() < MAX_AGE)
            .map(|c| c.json.clone())
    }

    /// Keeps a copy made from data read after `stamp` was taken.
    pub fn put(&self, citizen_id: Uuid, stamp: Stamp, json: Bytes) {
        self.0.insert(
            citizen_id,
            Arc::new(Copy {
                stamp,
                made: Instant::now(),
                json,
            }),
        );
    }
}
