//! Unit tests of `cache_bus`.

use super::*;

#[test]
fn announcements_survive_the_wire() {
    let id = Uuid::now_v7();
    assert_eq!(
        Change::parse(&Change::PlanChanged(id).payload()),
        Some(Change::PlanChanged(id))
    );
    let s = Change::SessionEnded("ab12".into());
    assert_eq!(Change::parse(&s.payload()), Some(s));
    let m = Change::MessagesChanged {
        citizen: Uuid::now_v7(),
        caseworker: Uuid::now_v7(),
    };
    assert_eq!(Change::parse(&m.payload()), Some(m));
    assert_eq!(Change::parse("x:1"), None);
}

#[test]
fn a_change_during_a_load_makes_its_result_not_current() {
    let bus = Bus {
        postgres: false,
        listening: AtomicBool::new(true),
        instance: Uuid::new_v4(),
        started: Instant::now(),
        heard_own_heartbeat_ms: AtomicU64::new(NEVER),
        generations: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
        epoch: AtomicU64::new(0),
        live: tokio::sync::broadcast::channel(4).0,
    };
    let id = Uuid::now_v7();
    let stamp = bus.stamp(&id);
    assert!(bus.current(&id, stamp));
    bus.committed(&Change::PlanChanged(id));
    assert!(
        !bus.current(&id, stamp),
        "loaded before the change: not current"
    );
    let later = bus.stamp(&id);
    bus.forget_everything();
    assert!(!bus.current(&id, later));
    bus.listening.store(false, Ordering::Release);
    assert!(
        !bus.current(&id, bus.stamp(&id)),
        "nothing is trusted while not listening"
    );
}
