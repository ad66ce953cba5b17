//! When a failed batch is tried again, when it is dead, and what a failure
//! does to the webhook's health. Pure functions over the settings.

use std::time::Duration;

use crate::model::Epoch;

/// `Retry-After` is honoured up to this long.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(24 * 3600);

/// The wait after the `attempts`-th failed attempt (1-based): the
/// schedule's entry, the last one repeating, never less than `retry_after`.
pub fn next_wait(schedule: &[Duration], attempts: u32, retry_after: Option<Duration>) -> Duration {
    let idx = (attempts.max(1) as usize - 1).min(schedule.len().saturating_sub(1));
    let base = schedule
        .get(idx)
        .copied()
        .unwrap_or(Duration::from_secs(60));
    match retry_after {
        Some(r) => base.max(r.min(RETRY_AFTER_CAP)),
        None => base,
    }
}

/// Whether a batch that first failed at `first_failed` is past its age.
pub fn is_dead(first_failed: Epoch, now: Epoch, max_age: Duration) -> bool {
    now.saturating_sub(first_failed) >= max_age.as_secs() as i64
}

/// Parse `Retry-After`: delta seconds or an HTTP date.
pub fn parse_retry_after(v: &str, now: std::time::SystemTime) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn schedule_steps_then_repeats_the_last() {
        let sched = [s(60), s(300), s(1800), s(7200), s(18000), s(36000)];
        assert_eq!(next_wait(&sched, 1, None), s(60));
        assert_eq!(next_wait(&sched, 2, None), s(300));
        assert_eq!(next_wait(&sched, 6, None), s(36000));
        assert_eq!(next_wait(&sched, 50, None), s(36000));
        assert_eq!(
            next_wait(&sched, 1, Some(s(600))),
            s(600),
            "Retry-After waits at least that long"
        );
        assert_eq!(next_wait(&sched, 2, Some(s(10))), s(300));
        assert_eq!(
            next_wait(&sched, 1, Some(s(999_999))),
            s(86400),
            "capped at 24h"
        );
    }

    #[test]
    fn dead_after_max_age() {
        assert!(!is_dead(1000, 1000 + 3 * 86400 - 1, s(3 * 86400)));
        assert!(is_dead(1000, 1000 + 3 * 86400, s(3 * 86400)));
    }

    #[test]
    fn retry_after_forms() {
        let now = std::time::UNIX_EPOCH + s(1_000_000_000);
        assert_eq!(parse_retry_after("120", now), Some(s(120)));
        let date = httpdate::fmt_http_date(now + s(90));
        assert_eq!(parse_retry_after(&date, now), Some(s(90)));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
