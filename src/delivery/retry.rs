//! The delivery policy, in one place: when a failed batch is tried again,
//! when it is dead, and what an attempt does to its webhook (a success
//! makes it healthy; `410 Gone` unpublishes it at once; `disable_limit`
//! failures in a row unpublish it unless `disable_auto_unpublish`).
//! Pure functions over the settings and the facts the store keeps; the
//! store then records the [`Verdict`].

use std::time::Duration;

use crate::model::{Epoch, Plan};
use crate::settings::Settings;
use crate::store::Verdict;

/// What happened to one attempt, as the policy needs it.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The HTTP status (None: no response).
    pub status: Option<u16>,
    /// The status as logged: digits or `N/A`.
    pub status_text: &'a str,
    pub retry_after: Option<Duration>,
}

/// Decide what a finished attempt at `plan` means, at `now`.
pub fn decide(s: &Settings, plan: &Plan, a: Attempt<'_>, now: Epoch) -> Verdict {
    if a.status.is_some_and(|c| (200..300).contains(&c)) {
        return Verdict::Delivered;
    }
    let attempt = plan.attempts + 1;
    let wait = next_wait(&s.retry_schedule, attempt, a.retry_after);
    let first_failed = plan.first_failed_at.unwrap_or(now);
    let in_a_row = plan.failures_in_a_row + 1;
    let unpublish = if a.status == Some(410) {
        Some(String::from("the receiver answered 410 Gone"))
    } else if !s.disable_auto_unpublish && in_a_row >= i64::from(s.disable_limit) {
        Some(format!(
            "{in_a_row} failed attempts in a row (disable_limit)"
        ))
    } else {
        None
    };
    Verdict::Failed {
        status: a.status_text.to_owned(),
        next_attempt_at: now + wait.as_secs() as i64,
        dead: is_dead(first_failed, now, s.retry_max_age),
        unpublish,
    }
}

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
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // More seconds than a u64 holds is still "wait long": the cap.
        return Some(
            v.parse::<u64>()
                .map_or(RETRY_AFTER_CAP, Duration::from_secs),
        );
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
    fn retry_after_beyond_a_u64_is_the_cap_not_ignored() {
        // Issue 13: 99999999999999999999 was ignored (the schedule's 1m).
        let now = std::time::SystemTime::now();
        let r = parse_retry_after("99999999999999999999", now);
        assert_eq!(r, Some(RETRY_AFTER_CAP));
        assert_eq!(next_wait(&[s(60)], 1, r), RETRY_AFTER_CAP);
        assert_eq!(parse_retry_after("120", now), Some(s(120)));
        assert_eq!(parse_retry_after("", now), None);
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

    fn plan(attempts: u32, first_failed_at: Option<Epoch>, failures: i64) -> Plan {
        Plan {
            webhook_id: 1,
            batch_id: 1,
            uid: String::from("u"),
            attempts,
            first_failed_at,
            failures_in_a_row: failures,
            url: String::from("http://127.0.0.1:9/"),
            secret: String::from("s"),
            signing: Default::default(),
            old_secret: None,
            headers: Vec::new(),
            descending: false,
            events: Vec::new(),
            event_ids: Vec::new(),
            lo: 1,
            hi: 1,
        }
    }

    fn attempt(status: Option<u16>) -> Attempt<'static> {
        Attempt {
            status,
            status_text: "500",
            retry_after: None,
        }
    }

    #[test]
    fn decide_applies_schedule_age_410_and_disable_limit() {
        let mut st = crate::settings::Settings::from_effective(
            &crate::settings::effective(&Default::default()).unwrap(),
        );
        st.disable_limit = 3;
        let now = 10_000;
        assert_eq!(
            decide(&st, &plan(0, None, 0), attempt(Some(204)), now),
            Verdict::Delivered
        );
        let Verdict::Failed {
            next_attempt_at,
            dead,
            unpublish,
            ..
        } = decide(&st, &plan(1, Some(now - 60), 1), attempt(Some(500)), now)
        else {
            panic!("a 500 is a failure");
        };
        assert_eq!(next_attempt_at, now + 300, "the second wait");
        assert!(!dead && unpublish.is_none());
        let Verdict::Failed { dead, .. } =
            decide(&st, &plan(5, Some(now - 3 * 86400), 0), attempt(None), now)
        else {
            panic!("no response is a failure");
        };
        assert!(dead, "past retry_max_age since the first failure");
        let Verdict::Failed { unpublish, .. } =
            decide(&st, &plan(0, None, 0), attempt(Some(410)), now)
        else {
            panic!();
        };
        assert_eq!(unpublish.as_deref(), Some("the receiver answered 410 Gone"));
        let Verdict::Failed { unpublish, .. } =
            decide(&st, &plan(0, None, 2), attempt(Some(500)), now)
        else {
            panic!();
        };
        assert_eq!(
            unpublish.as_deref(),
            Some("3 failed attempts in a row (disable_limit)")
        );
        st.disable_auto_unpublish = true;
        let Verdict::Failed { unpublish, .. } =
            decide(&st, &plan(0, None, 2), attempt(Some(500)), now)
        else {
            panic!();
        };
        assert_eq!(unpublish, None);
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
