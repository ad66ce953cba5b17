//! `/metrics`: Prometheus text (OpenMetrics) through `prometheus-client`.
//!
//! Request counts and durations per route are counted as they happen;
//! delivery outcomes are those of this server's own `--deliver` engine;
//! queue depth and dead events are read from the store at each scrape, so
//! they include what cron runs and other processes did.

use std::sync::Mutex;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: &'static str,
    /// The route's pattern (`/api/hooks/{id}`), never the raw path.
    pub route: &'static str,
    pub status: u16,
}

/// A method's name for a label (others are counted together).
pub fn method_label(m: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    pub outcome: &'static str,
}

type Histograms = Family<RequestLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Histograms,
    deliveries: Family<OutcomeLabels, Counter>,
    dead_batches: Counter,
    queued: Gauge,
    dead: Gauge,
    /// Serialises scrapes (the gauges are set, then encoded).
    scrape: Mutex<()>,
}

fn request_histogram() -> Histogram {
    // 0.1 ms to ~3.3 s.
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("hookq");
        let requests: Histograms = Family::new_with_constructor(request_histogram);
        let deliveries = Family::<OutcomeLabels, Counter>::default();
        let dead_batches = Counter::default();
        let queued = Gauge::<i64, std::sync::atomic::AtomicI64>::default();
        let dead = Gauge::<i64, std::sync::atomic::AtomicI64>::default();
        registry.register(
            "http_request_duration_seconds",
            "API requests by method, route and status",
            requests.clone(),
        );
        registry.register(
            "deliveries",
            "Events this server's delivery engine delivered or failed to deliver",
            deliveries.clone(),
        );
        registry.register(
            "dead_batches",
            "Batches this server's delivery engine marked dead (past retry_max_age)",
            dead_batches.clone(),
        );
        registry.register(
            "queue_events",
            "Events waiting in the queue (all webhooks)",
            queued.clone(),
        );
        registry.register(
            "dead_events",
            "Events of dead batches, kept for `queue retry`",
            dead.clone(),
        );
        Metrics {
            registry,
            requests,
            deliveries,
            dead_batches,
            queued,
            dead,
            scrape: Mutex::new(()),
        }
    }

    pub fn observe(&self, labels: RequestLabels, seconds: f64) {
        self.requests.get_or_create(&labels).observe(seconds);
    }

    pub fn delivered(&self, outcome: &'static str, events: u64) {
        self.deliveries
            .get_or_create(&OutcomeLabels { outcome })
            .inc_by(events);
    }

    pub fn dead(&self, batches: u64) {
        self.dead_batches.inc_by(batches);
    }

    /// The text exposition, with the queue gauges set from `queued`/`dead`.
    pub fn render(&self, queued: i64, dead: i64) -> String {
        let _one = self.scrape.lock().unwrap_or_else(|e| e.into_inner());
        self.queued.set(queued);
        self.dead.set(dead);
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}
