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

struct Copy {
    stamp: Stamp,
    made: Instant,
    json: Bytes,
}

/// `memory.plans` of 0 keeps no copies (every read asks the database). About 3 KB per plan:
/// the default 20,000 is some 60 MB at most.
#[derive(Clone)]
pub struct PlanCache(Option<Arc<Cache<Uuid, Arc<Copy>>>>);

impl PlanCache {
    pub fn new(capacity: u32) -> PlanCache {
        PlanCache((capacity > 0).then(|| Arc::new(Cache::new(capacity as usize))))
    }

    /// The plan's JSON if a copy is still current.
    pub fn get(&self, bus: &Bus, citizen_id: Uuid) -> Option<Bytes> {
        self.0
            .as_ref()?
            .get(&citizen_id)
            .filter(|c| bus.current(&citizen_id, c.stamp) && c.made.elapsed() < MAX_AGE)
            .map(|c| c.json.clone())
    }

    /// Keeps a copy made from data read after `stamp` was taken.
    pub fn put(&self, citizen_id: Uuid, stamp: Stamp, json: Bytes) {
        let Some(cache) = &self.0 else { return };
        cache.insert(
            citizen_id,
            Arc::new(Copy {
                stamp,
                made: Instant::now(),
                json,
            }),
        );
    }
}
