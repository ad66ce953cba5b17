//! The store contract: the same cases run against every backend through
//! the store interface alone (`Reads`, `Tx`, `Queue`). A backend joins by
//! adding a [`Fixture`] to [`backends`]; each case gets a fresh, empty
//! database, and `Fixture::store` / `Fixture::queue` open new handles on
//! that same database, as separate processes would.

use hookq::model::{
    HookFields, IdRange, LogEntry, NewCategory, OldSecret, Order, Plan, Signing, Trigger,
};
use hookq::service::queue::resend;
use hookq::store::{
    Applied, Claim, Create, Lease, ListQuery, LogQuery, OrderColumn, Queue, QueueQuery, Record,
    Resend, SearchTerm, Store, Sweep, Verdict,
};
use tempfile::TempDir;

/// One backend's empty database for one case.
struct Fixture {
    name: &'static str,
    open: Box<dyn Fn() -> Store>,
    _dir: Option<TempDir>,
    _schema: Option<crate::common::pg::Schema>,
}

impl Fixture {
    fn store(&self) -> Store {
        (self.open)()
    }

    fn queue(&self) -> Box<dyn Queue> {
        self.store().into_queue().expect("queue")
    }
}

fn sqlite() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("contract.db");
    Fixture {
        name: "sqlite",
        open: Box::new(move || Store::open(&path, Create::Now).expect("open sqlite")),
        _dir: Some(dir),
        _schema: None,
    }
}

/// A schema of its own on the test server (see `common::pg`); None when
/// there is no server.
fn postgres() -> Option<Fixture> {
    let schema = crate::common::pg::Schema::new()?;
    let url = std::path::PathBuf::from(&schema.url);
    Some(Fixture {
        name: "postgres",
        open: Box::new(move || Store::open(&url, Create::Now).expect("open postgres")),
        _dir: None,
        _schema: Some(schema),
    })
}

fn backends() -> Vec<Fixture> {
    let mut all = vec![sqlite()];
    all.extend(postgres());
    all
}

/// Run `case` against every backend, naming the backend when it fails.
fn each(case: fn(&Fixture)) {
    for fx in backends() {
        eprintln!("backend: {}", fx.name);
        case(&fx);
    }
}

const NOW: i64 = 1_800_000_000;
const FORM: &str = "mautic.form_on_submit";
const HIT: &str = "mautic.page_on_hit";

fn fields(name: &str, triggers: &[&str]) -> HookFields {
    HookFields {
        name: name.to_owned(),
        description: None,
        webhook_url: String::from("http://127.0.0.1:9/"),
        secret: String::from("secret"),
        signing: Default::default(),
        old_secret: None,
        events_orderby_dir: None,
        category_id: None,
        triggers: triggers.iter().map(|t| (*t).to_owned()).collect(),
        is_published: true,
        controls: Default::default(),
    }
}

fn add_hook(fx: &Fixture, name: &str, triggers: &[&str]) -> i64 {
    let f = fields(name, triggers);
    fx.store()
        .write(|tx| tx.insert_hook(None, &f, "tester", NOW))
        .unwrap()
}

/// Emit one event to its published subscribers; its id (None: nobody).
fn emit(fx: &Fixture, event_type: &str, n: i64) -> Option<i64> {
    fx.store()
        .write(|tx| {
            let subs: Vec<i64> = tx
                .subscribers(event_type)?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            if subs.is_empty() {
                return Ok(None);
            }
            tx.insert_event(event_type, &format!("{{\"n\":{n}}}"), NOW, &subs)
                .map(Some)
        })
        .unwrap()
}

fn lease<'a>(owner: &'a str, now: i64, gone: &'a dyn Fn(&str) -> bool) -> Lease<'a> {
    Lease {
        owner,
        until: now + 600,
        now,
        holder_gone: gone,
    }
}

const NEVER_GONE: &dyn Fn(&str) -> bool = &|_| false;

fn claim(owner: &str, now: i64, limit: u32) -> Claim<'_> {
    Claim {
        owner,
        lease_until: now + 600,
        renew_by: now + 300,
        now,
        range: IdRange::ALL,
        batch_limit: limit,
        strict_order: true,
        default_order: Order::Asc,
    }
}

fn log(plan: &Plan, status: &str, now: i64) -> LogEntry {
    LogEntry {
        id: 0,
        webhook_id: plan.webhook_id,
        status_code: status.to_owned(),
        runtime: 0.25,
        note: String::from("note"),
        batch_id: Some(plan.uid.clone()),
        event_count: plan.events.len() as i64,
        attempt: i64::from(plan.attempts + 1),
        date_added: now,
    }
}

fn failed(next_at: i64, dead: bool, unpublish: Option<&str>) -> Verdict {
    Verdict::Failed {
        status: String::from("500"),
        next_attempt_at: next_at,
        dead,
        unpublish: unpublish.map(str::to_owned),
    }
}

fn record(
    q: &dyn Queue,
    plan: &Plan,
    owner: &str,
    verdict: Verdict,
    now: i64,
    next: Option<&Claim<'_>>,
) -> Applied {
    let status = if verdict == Verdict::Delivered {
        "200"
    } else {
        "500"
    };
    let r = Record {
        alerts: Vec::new(),
        plan,
        owner,
        log: log(plan, status, now),
        verdict,
        retain: false,
    };
    q.record_outcomes(&[r], next).unwrap().pop().unwrap()
}

/// A delivery recorded with the batch kept for `resend`.
fn delivered_kept(q: &dyn Queue, plan: &Plan, now: i64) {
    let r = Record {
        alerts: Vec::new(),
        plan,
        owner: "w",
        log: log(plan, "200", now),
        verdict: Verdict::Delivered,
        retain: true,
    };
    q.record_outcomes(&[r], None).unwrap();
}

#[test]
fn delivered_batches_are_kept_resent_and_let_go() {
    each(|fx| {
        let a = add_hook(fx, "a", &[FORM]);
        let b = add_hook(fx, "b", &[FORM]);
        for n in 0..4 {
            emit(fx, FORM, n).unwrap();
        }
        let q = fx.queue();
        assert!(q.acquire_lease(a, &lease("w", NOW, NEVER_GONE)).unwrap());
        // a's first two events, delivered and kept; b's all still queued.
        let mut first = q.claim(a, &claim("w", NOW, 2)).unwrap().unwrap();
        q.load_events(&mut first).unwrap();
        delivered_kept(q.as_ref(), &first, NOW);
        // a's last two, delivered without keeping.
        let mut second = q.claim(a, &claim("w", NOW, 2)).unwrap().unwrap();
        q.load_events(&mut second).unwrap();
        record(q.as_ref(), &second, "w", Verdict::Delivered, NOW, None);
        q.end_turn(a, "w", 100).unwrap();
        let payloads = |fx: &Fixture| fx.store().inventory().unwrap().payloads;
        // b delivers too (not kept): now nothing references the payloads
        // but a's kept batch.
        assert!(q.acquire_lease(b, &lease("w", NOW, NEVER_GONE)).unwrap());
        let mut all_b = q.claim(b, &claim("w", NOW, 10)).unwrap().unwrap();
        q.load_events(&mut all_b).unwrap();
        record(q.as_ref(), &all_b, "w", Verdict::Delivered, NOW, None);
        q.end_turn(b, "w", 100).unwrap();
        q.cleanup(Sweep::All, NOW).unwrap();
        assert!(payloads(fx) >= 2, "the kept batch's payloads stay");

        // Resent: the same events, the same Webhook-Id, due now.
        let mut s = fx.store();
        let r = resend(&mut s, &Resend::Batch(first.uid.clone()), false, NOW + 1).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].webhook_id, r[0].events), (a, 2));
        assert_eq!(r[0].new_uid, first.uid);
        // Twice before it went out: refused, nothing written.
        let again = resend(&mut s, &Resend::Batch(first.uid.clone()), false, NOW + 1);
        assert!(again.is_err());
        let q = fx.queue();
        assert!(
            q.acquire_lease(a, &lease("w", NOW + 1, NEVER_GONE))
                .unwrap()
        );
        let mut resent = q.claim(a, &claim("w", NOW + 1, 10)).unwrap().unwrap();
        q.load_events(&mut resent).unwrap();
        assert_eq!(resent.uid, first.uid);
        assert_eq!(ns(&resent), ns(&first), "the same events in the same order");
        delivered_kept(q.as_ref(), &resent, NOW + 1);
        q.end_turn(a, "w", 100).unwrap();
        // Kept as delivered (SQLite may reuse the batch's key: once or
        // twice), always with its events.
        let by_hook = Resend::Webhook { id: a, since: NOW };
        let kept = s.write(|tx| tx.kept_batches(&by_hook)).unwrap();
        assert!(!kept.is_empty() && kept.len() <= 2, "{kept:?}");
        for k in &kept {
            assert_eq!((k.uid.as_str(), k.event_ids.len()), (first.uid.as_str(), 2));
        }
        // Resent by webhook and age: once per batch, with a new id.
        let r = resend(&mut s, &by_hook, true, NOW + 2).unwrap();
        assert_eq!(r.len(), 1, "kept twice, resent once: {r:?}");
        assert_ne!(r[0].new_uid, first.uid);
        assert_eq!(r[0].events, 2);
        let r = resend(&mut s, &by_hook, false, NOW + 2).unwrap();
        assert!(r[0].already_queued, "queued again already: skipped");
        s.write(|tx| tx.purge(Some(a), false)).unwrap();
        // Its logs pruned away: still found (by a scan).
        q.end_turn(a, "w", 0).unwrap();
        let r = resend(&mut s, &Resend::Batch(first.uid.clone()), false, NOW + 3).unwrap();
        assert_eq!((r.len(), r[0].events), (1, 2), "{r:?}");
        s.write(|tx| tx.purge(Some(a), false)).unwrap();

        // Let go (delivered before NOW + 10): the payloads are reclaimed
        // and the batch can no longer be resent.
        q.cleanup(Sweep::All, NOW + 10).unwrap();
        assert_eq!(payloads(fx), 0, "{:?}", fx.store().inventory().unwrap());
        let r = resend(&mut s, &Resend::Batch(first.uid.clone()), false, NOW + 11).unwrap();
        assert!(r.is_empty());
    });
}

/// One turn of owner "w" on `hook`: a one-event batch claimed, failed (due
/// again at `retry_at`), the turn ended. Returns the batch.
fn fail_one(q: &dyn Queue, hook: i64, retry_at: i64) -> Plan {
    assert!(q.acquire_lease(hook, &lease("w", NOW, NEVER_GONE)).unwrap());
    let mut plan = q.claim(hook, &claim("w", NOW, 1)).unwrap().unwrap();
    q.load_events(&mut plan).unwrap();
    let failure = failed(retry_at, false, None);
    record(q, &plan, "w", failure, NOW, None);
    q.end_turn(hook, "w", 100).unwrap();
    plan
}

fn ns(plan: &Plan) -> Vec<String> {
    plan.events.iter().map(|e| e.payload.clone()).collect()
}

fn all_hooks() -> ListQuery {
    ListQuery {
        search: vec![],
        filters: vec![],
        published_only: false,
        start: 0,
        limit: None,
        order: vec![(OrderColumn::Id, Order::Asc)],
    }
}

fn queued(store: &Store, webhook: Option<i64>, dead_only: bool) -> u64 {
    store
        .queue_count(&QueueQuery {
            after: None,
            webhook,
            dead_only,
            limit: None,
        })
        .unwrap()
}

#[test]
fn hooks_are_written_read_listed_and_deleted() {
    each(|fx| {
        let id = add_hook(fx, "orders", &[FORM, HIT]);
        let h = fx.store().get_hook(id).unwrap().expect("created");
        assert_eq!(
            (h.name.as_str(), h.secret.as_str(), h.is_published),
            ("orders", "secret", true)
        );
        assert_eq!(h.triggers, vec![FORM, HIT], "triggers in given order");
        assert_eq!(h.date_added, NOW);
        assert_eq!(h.created_by_user.as_deref(), Some("tester"));

        // PUT on a missing id creates it with that id.
        let mut f = fields("put", &[HIT]);
        f.events_orderby_dir = Some(Order::Desc);
        f.is_published = false;
        fx.store()
            .write(|tx| tx.insert_hook(Some(40), &f, "tester", NOW))
            .unwrap();
        let h = fx.store().get_hook(40).unwrap().expect("created by PUT");
        assert_eq!(h.events_orderby_dir, Some(Order::Desc));
        assert!(!h.is_published);

        // Update replaces the fields and the trigger list.
        let mut f = fields("renamed", &[HIT]);
        f.description = Some(String::from("d"));
        fx.store()
            .write(|tx| tx.update_hook(id, &f, "editor", NOW + 5))
            .unwrap();
        let h = fx.store().get_hook(id).unwrap().unwrap();
        assert_eq!(h.name, "renamed");
        assert_eq!(h.triggers, vec![HIT]);
        assert_eq!(h.date_modified, Some(NOW + 5));
        assert_eq!(h.modified_by_user.as_deref(), Some("editor"));
        assert_eq!(h.signing, Signing::Mautic);
        assert_eq!(h.old_secret, None);

        // The signing scheme and a rotated-out secret are kept.
        f.signing = Signing::Standard;
        f.secret = String::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        f.old_secret = Some(OldSecret {
            secret: String::from("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
            until: NOW + 60,
        });
        fx.store()
            .write(|tx| tx.update_hook(id, &f, "editor", NOW + 6))
            .unwrap();
        let h = fx.store().get_hook(id).unwrap().unwrap();
        assert_eq!(h.signing, Signing::Standard);
        assert_eq!(h.old_secret, f.old_secret);
        assert_eq!(HookFields::of(&h), f);

        // Searching, paging and ordering.
        add_hook(fx, "50%_off", &[FORM]);
        let store = fx.store();
        let (total, page) = store.list_hooks(&all_hooks()).unwrap();
        assert_eq!(total, 3);
        let ids: Vec<i64> = page.iter().map(|h| h.id).collect();
        assert_eq!(ids[..2], [id, 40]);
        let q = ListQuery {
            search: vec![SearchTerm::Text(String::from("%_"))],
            ..all_hooks()
        };
        let (total, page) = store.list_hooks(&q).unwrap();
        assert_eq!(
            (total, page[0].name.as_str()),
            (1, "50%_off"),
            "LIKE wildcards are literal"
        );
        let q = ListQuery {
            search: vec![SearchTerm::Published(false)],
            ..all_hooks()
        };
        assert_eq!(store.list_hooks(&q).unwrap().0, 1);
        let q = ListQuery {
            search: vec![SearchTerm::Ids(vec![id, 40])],
            order: vec![(OrderColumn::Name, Order::Desc)],
            start: 1,
            limit: Some(1),
            ..all_hooks()
        };
        let (total, page) = store.list_hooks(&q).unwrap();
        assert_eq!(total, 2);
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].name, "put", "second of renamed, put by name desc");

        // An error inside a write rolls the whole of it back.
        let r: anyhow::Result<()> = fx.store().write(|tx| {
            tx.delete_hook(id)?;
            anyhow::bail!("refused")
        });
        assert!(r.is_err());
        assert!(fx.store().get_hook(id).unwrap().is_some(), "rolled back");

        assert!(fx.store().write(|tx| tx.delete_hook(id)).unwrap());
        assert!(fx.store().get_hook(id).unwrap().is_none());
        assert!(!fx.store().write(|tx| tx.delete_hook(id)).unwrap());
    });
}

#[test]
fn categories_triggers_and_settings() {
    each(|fx| {
        let new = NewCategory {
            title: String::from("Sales"),
            alias: String::from("sales"),
            description: None,
            color: Some(String::from("ff8800")),
        };
        let c = fx
            .store()
            .write(|tx| tx.insert_category(&new, "tester", NOW))
            .unwrap();
        let a = NewCategory {
            title: String::from("Accounts"),
            alias: String::from("accounts"),
            ..new.clone()
        };
        fx.store()
            .write(|tx| tx.insert_category(&a, "tester", NOW))
            .unwrap();
        // An update keeps the id and records who changed it.
        let renamed = NewCategory {
            title: String::from("Sales EMEA"),
            ..new.clone()
        };
        fx.store()
            .write(|tx| tx.update_category(c, &renamed, "editor"))
            .unwrap();
        let got = fx.store().category(c).unwrap().unwrap();
        assert_eq!(got.title, "Sales EMEA");
        assert_eq!(got.alias, "sales");
        assert_eq!(got.modified_by_user.as_deref(), Some("editor"));
        fx.store()
            .write(|tx| tx.update_category(c, &new, "editor"))
            .unwrap();
        let store = fx.store();
        let titles: Vec<String> = store
            .categories()
            .unwrap()
            .into_iter()
            .map(|c| c.title)
            .collect();
        assert_eq!(titles, ["Accounts", "Sales"], "by title");
        assert_eq!(store.category_by_alias("sales").unwrap().unwrap().id, c);
        assert_eq!(
            store.category(c).unwrap().unwrap().color.as_deref(),
            Some("ff8800")
        );
        drop(store);

        let mut f = fields("in sales", &[FORM]);
        f.category_id = Some(c);
        let id = fx
            .store()
            .write(|tx| tx.insert_hook(None, &f, "tester", NOW))
            .unwrap();
        let q = ListQuery {
            search: vec![SearchTerm::Category(String::from("sales"))],
            ..all_hooks()
        };
        assert_eq!(fx.store().list_hooks(&q).unwrap().0, 1);
        assert!(fx.store().write(|tx| tx.delete_category(c)).unwrap());
        let h = fx.store().get_hook(id).unwrap().unwrap();
        assert_eq!(h.category, None, "its webhooks become uncategorised");

        // Custom triggers join Mautic's 14.
        let t = Trigger {
            event_type: String::from("shop.order_paid"),
            label: String::from("Order paid"),
            description: String::from("d"),
            builtin: false,
        };
        fx.store().write(|tx| tx.insert_trigger(&t, NOW)).unwrap();
        let catalog = fx.store().catalog().unwrap();
        assert_eq!(
            catalog.entries().len(),
            19,
            "Mautic's 14, hookq's 4, one custom"
        );
        assert_eq!(catalog.get("shop.order_paid"), Some(&t));
        assert_eq!(fx.store().trigger_users(FORM).unwrap(), vec![id]);
        assert!(
            fx.store()
                .write(|tx| tx.delete_trigger("shop.order_paid"))
                .unwrap()
        );
        assert_eq!(fx.store().catalog().unwrap().entries().len(), 18);

        // Settings: set, overwrite, unset.
        fx.store()
            .write(|tx| tx.set_setting("batch_limit", "50"))
            .unwrap();
        fx.store()
            .write(|tx| tx.set_setting("batch_limit", "60"))
            .unwrap();
        let s = fx.store().stored_settings().unwrap();
        assert_eq!(s.get("batch_limit").map(String::as_str), Some("60"));
        assert!(
            fx.store()
                .write(|tx| tx.unset_setting("batch_limit"))
                .unwrap()
        );
        assert!(fx.store().stored_settings().unwrap().is_empty());
    });
}

#[test]
fn lists_filter_by_mautics_where_and_order_by_several_keys() {
    use hookq::store::{Cmp, Filter, FilterValue};
    each(|fx| {
        let a = add_hook(fx, "alpha", &[HIT]);
        let b = add_hook(fx, "beta", &[HIT]);
        let c = add_hook(fx, "alpha", &[FORM]);
        let mut f = fields("gamma", &[HIT]);
        f.description = Some(String::from("has one"));
        f.is_published = false;
        let d = fx
            .store()
            .write(|tx| tx.insert_hook(None, &f, "tester", NOW + 10))
            .unwrap();
        let store = fx.store();
        let ids = |filters: Vec<Filter>, order: Vec<(OrderColumn, Order)>| -> (u64, Vec<i64>) {
            let q = ListQuery {
                filters,
                order,
                ..all_hooks()
            };
            let (total, page) = store.list_hooks(&q).unwrap();
            (total, page.iter().map(|h| h.id).collect())
        };
        let by_id = || vec![(OrderColumn::Id, Order::Asc)];
        use FilterValue::{Int, Text};
        use OrderColumn as C;
        assert_eq!(
            ids(
                vec![Filter::Compare(C::Name, Cmp::Eq, Text("alpha".into()))],
                by_id()
            ),
            (2, vec![a, c])
        );
        assert_eq!(
            ids(vec![Filter::Compare(C::Id, Cmp::Neq, Int(a))], by_id()).1,
            vec![b, c, d]
        );
        assert_eq!(
            ids(vec![Filter::Compare(C::Id, Cmp::Gt, Int(b))], by_id()).1,
            vec![c, d]
        );
        assert_eq!(
            ids(vec![Filter::Compare(C::Id, Cmp::Lte, Int(b))], by_id()).1,
            vec![a, b]
        );
        assert_eq!(
            ids(
                vec![Filter::Compare(C::DateAdded, Cmp::Gte, Int(NOW + 5))],
                by_id()
            )
            .1,
            vec![d]
        );
        assert_eq!(
            ids(
                vec![Filter::Compare(C::IsPublished, Cmp::Eq, Int(0))],
                by_id()
            )
            .1,
            vec![d]
        );
        assert_eq!(
            ids(vec![Filter::Like(C::Name, false, "%ph%".into())], by_id()).1,
            vec![a, c]
        );
        assert_eq!(
            ids(vec![Filter::Like(C::Name, true, "%ph%".into())], by_id()).1,
            vec![b, d]
        );
        assert_eq!(
            ids(
                vec![Filter::In(C::Id, false, vec![Int(b), Int(d)])],
                by_id()
            )
            .1,
            vec![b, d]
        );
        assert_eq!(
            ids(vec![Filter::In(C::Id, true, vec![Int(b), Int(d)])], by_id()).1,
            vec![a, c]
        );
        assert_eq!(
            ids(vec![Filter::In(C::Id, false, vec![])], by_id()).1,
            Vec::<i64>::new()
        );
        assert_eq!(
            ids(vec![Filter::Null(C::Description, true)], by_id()).1,
            vec![d]
        );
        assert_eq!(
            ids(vec![Filter::Null(C::Category, false)], by_id()).1.len(),
            4
        );
        assert_eq!(
            ids(vec![Filter::Empty(C::Description, false)], by_id()).1,
            vec![a, b, c]
        );
        assert_eq!(
            ids(vec![Filter::Empty(C::Description, true)], by_id()).1,
            vec![d]
        );
        assert_eq!(
            ids(vec![Filter::Between(C::Id, false, Int(b), Int(c))], by_id()).1,
            vec![b, c]
        );
        assert_eq!(
            ids(vec![Filter::Between(C::Id, true, Int(b), Int(c))], by_id()).1,
            vec![a, d]
        );
        let either = Filter::Any(vec![
            Filter::Compare(C::Name, Cmp::Eq, Text("beta".into())),
            Filter::All(vec![
                Filter::Compare(C::Name, Cmp::Eq, Text("alpha".into())),
                Filter::Compare(C::Id, Cmp::Gt, Int(a)),
            ]),
        ]);
        assert_eq!(ids(vec![either], by_id()), (2, vec![b, c]));
        // Several keys: name descending, then id descending.
        assert_eq!(
            ids(vec![], vec![(C::Name, Order::Desc), (C::Id, Order::Desc)]).1,
            vec![d, b, c, a]
        );
        assert_eq!(
            ids(vec![], vec![(C::Name, Order::Asc), (C::Id, Order::Desc)]).1,
            vec![c, a, b, d]
        );
    });
}

#[test]
fn api_users_are_kept_by_name() {
    each(|fx| {
        let mut store = fx.store();
        assert!(store.api_users().unwrap().is_empty());
        let id = store
            .write(|tx| tx.insert_api_user("n8n", "$argon2id$hash", "tester", NOW))
            .unwrap();
        store
            .write(|tx| tx.insert_api_user("ci", "$argon2id$other", "tester", NOW))
            .unwrap();
        let other = fx.store();
        let u = other.api_user("n8n").unwrap().expect("stored");
        assert_eq!(
            (
                u.id,
                u.username.as_str(),
                u.password_hash.as_str(),
                u.date_added
            ),
            (id, "n8n", "$argon2id$hash", NOW)
        );
        assert_eq!(u.created_by_user.as_deref(), Some("tester"));
        let names: Vec<String> = other
            .api_users()
            .unwrap()
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(names, ["ci", "n8n"], "ordered by name");
        // A name is unique.
        assert!(
            store
                .write(|tx| tx.insert_api_user("n8n", "x", "tester", NOW))
                .is_err()
        );
        assert!(store.write(|tx| tx.delete_api_user("n8n")).unwrap());
        assert!(!store.write(|tx| tx.delete_api_user("n8n")).unwrap());
        assert!(fx.store().api_user("n8n").unwrap().is_none());
    });
}

#[test]
fn events_fan_out_to_published_subscribers_with_ids_never_reused() {
    each(|fx| {
        let a = add_hook(fx, "a", &[FORM]);
        let b = add_hook(fx, "b", &[FORM, HIT]);
        let mut f = fields("off", &[FORM]);
        f.is_published = false;
        fx.store()
            .write(|tx| tx.insert_hook(None, &f, "tester", NOW))
            .unwrap();
        assert_eq!(
            fx.store().subscribers(FORM).unwrap(),
            vec![(a, None), (b, None)]
        );
        let e1 = emit(fx, FORM, 1).unwrap();
        let e2 = emit(fx, HIT, 2).unwrap();
        assert!(e2 > e1);
        assert_eq!(emit(fx, "mautic.sms_on_send", 3), None);
        let store = fx.store();
        assert_eq!(queued(&store, None, false), 3);
        assert_eq!(store.queue_depth(b).unwrap().queued, 2);
        let rows = store
            .queue_rows(&QueueQuery {
                after: None,
                webhook: None,
                dead_only: false,
                limit: Some(2),
            })
            .unwrap();
        let seen: Vec<(i64, i64)> = rows.iter().map(|r| (r.event_id, r.webhook_id)).collect();
        assert_eq!(seen, [(e1, a), (e1, b)], "by event, then webhook");
        assert_eq!(rows[0].event_type, FORM);
        assert_eq!(rows[0].date_added, NOW);
        let stats = store.queue_stats(NOW).unwrap();
        assert_eq!(stats.len(), 3, "every webhook, queued or not");
        assert_eq!(stats[1].fresh, 2);
        assert_eq!(stats[1].oldest, Some(NOW));
        drop(store);

        // Delivered everywhere, payloads reclaimed: the next id is still new.
        let q = fx.queue();
        for hook in [a, b] {
            assert!(q.acquire_lease(hook, &lease("w", NOW, NEVER_GONE)).unwrap());
            let mut plan = q.claim(hook, &claim("w", NOW, 10)).unwrap().unwrap();
            q.load_events(&mut plan).unwrap();
            record(q.as_ref(), &plan, "w", Verdict::Delivered, NOW, None);
            q.end_turn(hook, "w", 100).unwrap();
        }
        q.cleanup(Sweep::All, i64::MAX).unwrap();
        drop(q);
        assert_eq!(queued(&fx.store(), None, false), 0);
        let e3 = emit(fx, FORM, 4).unwrap();
        assert!(e3 > e2, "id {e3} after {e2}");
    });
}

#[test]
fn a_lease_is_held_by_one_run_until_released_expired_or_its_holder_is_gone() {
    each(|fx| {
        let id = add_hook(fx, "a", &[FORM]);
        let q = fx.queue();
        let gone: &dyn Fn(&str) -> bool = &|o| o == "a";
        assert!(q.acquire_lease(id, &lease("a", NOW, NEVER_GONE)).unwrap());
        assert!(
            q.acquire_lease(id, &lease("a", NOW, NEVER_GONE)).unwrap(),
            "its holder may take it again"
        );
        assert!(!q.acquire_lease(id, &lease("b", NOW, NEVER_GONE)).unwrap());
        assert!(
            q.acquire_lease(id, &lease("b", NOW + 601, NEVER_GONE))
                .unwrap(),
            "expired: taken over"
        );
        assert!(
            !q.acquire_lease(id, &lease("a", NOW + 602, gone)).unwrap(),
            "b is alive"
        );
        assert!(
            q.acquire_lease(id, &lease("b", NOW + 602, gone)).unwrap(),
            "a is gone: taken over at once"
        );
        assert!(q.claim(id, &claim("a", NOW + 602, 10)).unwrap().is_none());
        q.end_turn(id, "a", 100).unwrap();
        assert!(
            !q.acquire_lease(id, &lease("c", NOW + 602, NEVER_GONE))
                .unwrap(),
            "only the holder releases"
        );
        q.end_turn(id, "b", 100).unwrap();
        assert!(
            q.acquire_lease(id, &lease("c", NOW + 602, NEVER_GONE))
                .unwrap()
        );
        // An unpublished webhook is never leased.
        let mut f = fields("off", &[FORM]);
        f.is_published = false;
        let off = fx
            .store()
            .write(|tx| tx.insert_hook(None, &f, "tester", NOW))
            .unwrap();
        assert!(!q.acquire_lease(off, &lease("c", NOW, NEVER_GONE)).unwrap());
    });
}

#[test]
fn batches_are_formed_once_in_order_and_retried_as_formed() {
    each(|fx| {
        let id = add_hook(fx, "a", &[FORM]);
        let ids: Vec<i64> = (0..5).map(|n| emit(fx, FORM, n).unwrap()).collect();
        let q = fx.queue();
        assert_eq!(q.targets(None, IdRange::ALL).unwrap()[0].id, id, "a target");
        assert!(q.targets(Some(&[id + 1]), IdRange::ALL).unwrap().is_empty());
        let range = IdRange {
            min: ids[4] + 1,
            max: i64::MAX,
        };
        assert!(q.targets(None, range).unwrap().is_empty());
        assert!(q.acquire_lease(id, &lease("w", NOW, NEVER_GONE)).unwrap());
        // A claim carries how the webhook signs (a new batch here, a
        // retried one below).
        let mut standard = fields("a", &[FORM]);
        standard.signing = Signing::Standard;
        standard.old_secret = Some(OldSecret {
            secret: String::from("old"),
            until: NOW + 9,
        });
        fx.store()
            .write(|tx| tx.update_hook(id, &standard, "t", NOW))
            .unwrap();
        let mut first = q.claim(id, &claim("w", NOW, 2)).unwrap().unwrap();
        assert_eq!(first.signing, Signing::Standard);
        assert_eq!(first.old_secret, standard.old_secret);
        let mautic = fields("a", &[FORM]);
        fx.store()
            .write(|tx| tx.update_hook(id, &mautic, "t", NOW))
            .unwrap();
        q.load_events(&mut first).unwrap();
        assert_eq!(ns(&first), [r#"{"n":0}"#, r#"{"n":1}"#]);
        assert_eq!((first.lo, first.hi), (ids[0], ids[1]));
        assert_eq!(first.attempts, 0);
        assert_eq!(first.first_failed_at, None);
        assert_eq!(first.uid.len(), 36, "a UUID: {}", first.uid);

        // A failure keeps the batch; with strict order it blocks the rest.
        let a = record(
            q.as_ref(),
            &first,
            "w",
            failed(NOW + 60, false, None),
            NOW,
            None,
        );
        assert!(!a.lease_lost && a.next.is_none());
        assert!(q.claim(id, &claim("w", NOW + 1, 2)).unwrap().is_none());
        let loose = Claim {
            strict_order: false,
            ..claim("w", NOW + 1, 2)
        };
        let mut other = q.claim(id, &loose).unwrap().expect("not strict");
        q.load_events(&mut other).unwrap();
        assert_eq!(ns(&other), [r#"{"n":2}"#, r#"{"n":3}"#]);
        assert_eq!(other.failures_in_a_row, 1, "the webhook's failures");
        let a = record(q.as_ref(), &other, "w", Verdict::Delivered, NOW + 1, None);
        assert!(a.next.is_none());

        // Due again: the same rows, the same id, the facts of its failure.
        fx.store()
            .write(|tx| tx.update_hook(id, &standard, "t", NOW))
            .unwrap();
        let mut again = q.claim(id, &claim("w", NOW + 60, 2)).unwrap().unwrap();
        assert_eq!(again.signing, Signing::Standard);
        assert_eq!(again.old_secret, standard.old_secret);
        q.load_events(&mut again).unwrap();
        assert_eq!(again.uid, first.uid);
        assert_eq!(ns(&again), ns(&first));
        assert_eq!(again.attempts, 1);
        assert_eq!(again.first_failed_at, Some(NOW));
        assert_eq!(again.failures_in_a_row, 0, "the delivery cleared them");

        // Delivered: the next batch is claimed in the same transaction.
        let next = claim("w", NOW + 60, 2);
        let a = record(
            q.as_ref(),
            &again,
            "w",
            Verdict::Delivered,
            NOW + 60,
            Some(&next),
        );
        let mut last = a.next.expect("the next batch");
        q.load_events(&mut last).unwrap();
        assert_eq!(ns(&last), [r#"{"n":4}"#]);
        record(
            q.as_ref(),
            &last,
            "w",
            Verdict::Delivered,
            NOW + 60,
            Some(&next),
        );
        q.end_turn(id, "w", 100).unwrap();
        drop(q);
        let store = fx.store();
        assert_eq!(queued(&store, None, false), 0);
        let h = store.get_hook(id).unwrap().unwrap();
        assert_eq!(h.health.unhealthy_since, None, "healthy again");
        assert_eq!(h.health.consecutive_failures, 0);
        assert_eq!(h.health.last_status.as_deref(), Some("200"));
        let logs = store
            .logs(&LogQuery {
                webhook: Some(id),
                limit: Some(100),
                failed_only: false,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(logs.len(), 4, "one row per attempt");
        assert_eq!(logs[3].status_code, "500", "newest first");
        assert_eq!(logs[3].batch_id.as_deref(), Some(first.uid.as_str()));
    });
}

#[test]
fn descending_webhooks_take_the_newest_rows_first() {
    each(|fx| {
        let mut f = fields("newest first", &[FORM]);
        f.events_orderby_dir = Some(Order::Desc);
        let id = fx
            .store()
            .write(|tx| tx.insert_hook(None, &f, "tester", NOW))
            .unwrap();
        for n in 0..3 {
            emit(fx, FORM, n);
        }
        let q = fx.queue();
        assert!(q.acquire_lease(id, &lease("w", NOW, NEVER_GONE)).unwrap());
        let mut plan = q.claim(id, &claim("w", NOW, 2)).unwrap().unwrap();
        q.load_events(&mut plan).unwrap();
        assert!(plan.descending);
        assert_eq!(ns(&plan), [r#"{"n":2}"#, r#"{"n":1}"#]);
    });
}

#[test]
fn failures_are_recorded_as_decided_and_fenced_by_the_lease() {
    each(|fx| {
        let id = add_hook(fx, "a", &[FORM]);
        emit(fx, FORM, 0);
        emit(fx, FORM, 1);
        let q = fx.queue();
        assert!(q.acquire_lease(id, &lease("w", NOW, NEVER_GONE)).unwrap());
        let mut plan = q.claim(id, &claim("w", NOW, 1)).unwrap().unwrap();
        q.load_events(&mut plan).unwrap();

        // Another run took the lease over: only the log row is written.
        assert!(
            q.acquire_lease(id, &lease("x", NOW + 601, NEVER_GONE))
                .unwrap()
        );
        let a = record(
            q.as_ref(),
            &plan,
            "w",
            failed(NOW + 60, true, Some("why")),
            NOW,
            None,
        );
        assert!(a.lease_lost);
        let store = fx.store();
        let h = store.get_hook(id).unwrap().unwrap();
        assert!(h.is_published, "not unpublished by a fenced-off run");
        assert_eq!(h.health.consecutive_failures, 0);
        assert_eq!(queued(&store, None, true), 0, "not dead");
        assert_eq!(
            store
                .logs(&LogQuery {
                    webhook: Some(id),
                    limit: Some(10),
                    failed_only: true,
                    ..Default::default()
                })
                .unwrap()
                .len(),
            1
        );
        drop(store);

        // The holder's failure: dead, counted, the webhook unpublished.
        let a = record(
            q.as_ref(),
            &plan,
            "x",
            failed(NOW + 60, true, Some("410 Gone")),
            NOW,
            None,
        );
        assert!(!a.lease_lost);
        let store = fx.store();
        let h = store.get_hook(id).unwrap().unwrap();
        assert!(!h.is_published);
        assert_eq!(h.health.unpublished_reason.as_deref(), Some("410 Gone"));
        assert_eq!(h.health.consecutive_failures, 1);
        assert_eq!(h.health.unhealthy_since, Some(NOW));
        assert_eq!(h.health.last_status.as_deref(), Some("500"));
        assert_eq!(queued(&store, None, true), 1, "its row is dead");
        assert_eq!(store.queue_depth(id).unwrap().dead, 1);
        let rows = store
            .queue_rows(&QueueQuery {
                after: None,
                webhook: Some(id),
                dead_only: true,
                limit: None,
            })
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].dead);
        assert_eq!(rows[0].attempts, 1);
        assert_eq!(rows[0].batch_uid.as_deref(), Some(plan.uid.as_str()));
        assert!(
            q.claim(id, &claim("x", NOW + 100, 1)).unwrap().is_none(),
            "unpublished: no claims"
        );

        // Published again, the dead batch stays out of the way.
        let f = fields("a", &[FORM]);
        drop(store);
        let mut s = fx.store();
        s.write(|tx| tx.update_hook(id, &f, "tester", NOW)).unwrap();
        assert!(
            s.get_hook(id)
                .unwrap()
                .unwrap()
                .health
                .unpublished_reason
                .is_none()
        );
        assert!(
            q.acquire_lease(id, &lease("x", NOW + 100, NEVER_GONE))
                .unwrap()
        );
        let mut next = q.claim(id, &claim("x", NOW + 100, 1)).unwrap().unwrap();
        q.load_events(&mut next).unwrap();
        assert_eq!(ns(&next), [r#"{"n":1}"#], "the dead batch is skipped");
        assert_eq!(
            s.due_count(None, IdRange::ALL).unwrap(),
            1,
            "dead rows are not due"
        );

        // Re-driven, the dead batch is due; its attempts go on counting
        // (issue 13: they restarted at 1 under the same Webhook-Id).
        let before = s
            .queue_rows(&QueueQuery {
                after: None,
                webhook: Some(id),
                dead_only: true,
                limit: None,
            })
            .unwrap();
        let r = s
            .write(|tx| tx.redrive(Some(id), false, NOW + 200))
            .unwrap();
        assert_eq!((r.batches, r.events), (1, 1));
        assert_eq!(queued(&s, None, true), 0);
        let after = s
            .queue_rows(&QueueQuery {
                after: None,
                webhook: Some(id),
                dead_only: false,
                limit: None,
            })
            .unwrap();
        let redriven = after
            .iter()
            .find(|r| r.batch_uid == before[0].batch_uid)
            .unwrap();
        assert_eq!(redriven.attempts, before[0].attempts, "attempts kept");
        assert!(redriven.attempts > 0);
        let p = s.pending(id, IdRange::ALL, NOW + 200).unwrap();
        assert_eq!(p.events, 2);
        assert_eq!(p.live_batches, 2);
        assert_eq!(p.due_batches, 2);
        assert_eq!(p.types, vec![(String::from(FORM), 2)]);
    });
}

#[test]
fn waiting_batches_can_be_made_due_and_the_queue_purged() {
    each(|fx| {
        let a = add_hook(fx, "a", &[FORM]);
        let b = add_hook(fx, "b", &[FORM]);
        emit(fx, FORM, 0);
        emit(fx, FORM, 1);
        let q = fx.queue();
        let plan = fail_one(q.as_ref(), a, NOW + 3600);
        let mut s = fx.store();
        let stats = s.queue_stats(NOW).unwrap();
        assert_eq!((stats[0].fresh, stats[0].waiting), (1, 1));
        assert_eq!(stats[0].next_retry, Some(NOW + 3600));
        // One webhook's line is that webhook's line of the whole.
        for st in &stats {
            assert_eq!(s.queue_stat(st.id, NOW).unwrap().as_ref(), Some(st));
        }
        assert_eq!(s.queue_stat(b + 1000, NOW).unwrap(), None);
        let r = s.write(|tx| tx.redrive(None, false, NOW)).unwrap();
        assert_eq!((r.batches, r.events), (0, 0), "nothing dead");
        let r = s.write(|tx| tx.redrive(None, true, NOW)).unwrap();
        assert_eq!((r.batches, r.events), (1, 1), "the waiting one");
        let stats = s.queue_stats(NOW).unwrap();
        assert_eq!((stats[0].in_flight, stats[0].waiting), (1, 0));
        drop(s);
        assert!(q.acquire_lease(a, &lease("w", NOW, NEVER_GONE)).unwrap());
        let again = q.claim(a, &claim("w", NOW, 1)).unwrap().unwrap();
        assert_eq!(again.uid, plan.uid, "due now, as formed");
        assert_eq!(again.attempts, 1, "waiting batches keep their attempts");
        q.end_turn(a, "w", 100).unwrap();

        let mut s = fx.store();
        assert_eq!(s.write(|tx| tx.purge(Some(a), false)).unwrap(), 2);
        assert_eq!(queued(&s, Some(a), false), 0);
        assert_eq!(queued(&s, Some(b), false), 2);
        s.cleanup(Sweep::All, i64::MAX).unwrap();
        assert_eq!(s.write(|tx| tx.purge(None, false)).unwrap(), 2);
        s.cleanup(Sweep::All, i64::MAX).unwrap();
        assert_eq!(queued(&s, None, false), 0);
        assert!(q.claim(a, &claim("w", NOW, 1)).unwrap().is_none());
    });
}

#[test]
fn deleting_a_webhook_takes_its_queue_logs_and_subscriptions() {
    each(|fx| {
        let a = add_hook(fx, "a", &[FORM]);
        let b = add_hook(fx, "b", &[FORM]);
        let e1 = emit(fx, FORM, 0).unwrap();
        let e2 = emit(fx, FORM, 1).unwrap();
        let q = fx.queue();
        fail_one(q.as_ref(), a, NOW + 60);
        drop(q);
        let mut s = fx.store();
        let u = s.hook_usage(a).unwrap();
        assert_eq!((u.queued, u.logs, u.events), (2, 1, Some((e1, e2))));
        assert!(s.write(|tx| tx.delete_hook(a)).unwrap());
        s.cleanup(Sweep::Ranges(vec![(e1, e2)]), i64::MAX).unwrap();
        assert_eq!(s.hook_usage(a).unwrap().queued, 0);
        assert_eq!(s.hook_usage(a).unwrap().logs, 0);
        assert_eq!(s.trigger_users(FORM).unwrap(), vec![b]);
        assert_eq!(queued(&s, Some(b), false), 2, "b's rows stay");
        let q = fx.queue();
        assert!(q.acquire_lease(b, &lease("w", NOW, NEVER_GONE)).unwrap());
        let mut plan = q.claim(b, &claim("w", NOW, 10)).unwrap().unwrap();
        q.load_events(&mut plan).unwrap();
        assert_eq!(ns(&plan), [r#"{"n":0}"#, r#"{"n":1}"#], "payloads intact");
    });
}

#[test]
fn a_turn_keeps_the_newest_log_max_log_rows() {
    each(|fx| {
        let id = add_hook(fx, "a", &[FORM]);
        for n in 0..4 {
            emit(fx, FORM, n);
        }
        let q = fx.queue();
        assert!(q.acquire_lease(id, &lease("w", NOW, NEVER_GONE)).unwrap());
        let next = claim("w", NOW, 1);
        let mut plan = q.claim(id, &next).unwrap().unwrap();
        loop {
            q.load_events(&mut plan).unwrap();
            match record(q.as_ref(), &plan, "w", Verdict::Delivered, NOW, Some(&next)).next {
                Some(p) => plan = p,
                None => break,
            }
        }
        q.end_turn(id, "w", 2).unwrap();
        let logs = fx
            .store()
            .logs(&LogQuery {
                webhook: Some(id),
                limit: Some(100),
                failed_only: false,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(logs.len(), 2);
        let one = LogQuery {
            webhook: Some(id),
            limit: Some(1),
            failed_only: false,
            ..Default::default()
        };
        assert_eq!(fx.store().logs(&one).unwrap().len(), 1, "a page");
        assert_eq!(fx.store().log_count(&one).unwrap(), 2, "every match");
        let all = LogQuery { limit: None, ..one };
        assert_eq!(fx.store().logs(&all).unwrap().len(), 2, "no limit");
        assert!(logs[0].id > logs[1].id, "the newest kept, newest first");
        // Filters: since, status, batch, after an id (`logs --follow`).
        let base = LogQuery {
            webhook: Some(id),
            ..Default::default()
        };
        let select = |q: LogQuery| -> Vec<i64> {
            let rows = fx.store().logs(&q).unwrap();
            assert_eq!(fx.store().log_count(&q).unwrap(), rows.len() as u64);
            rows.iter().map(|l| l.id).collect()
        };
        let both = vec![logs[0].id, logs[1].id];
        assert_eq!(
            select(LogQuery {
                since: Some(NOW),
                ..base.clone()
            }),
            both
        );
        assert!(
            select(LogQuery {
                since: Some(NOW + 1),
                ..base.clone()
            })
            .is_empty()
        );
        assert_eq!(
            select(LogQuery {
                status: Some("200".into()),
                ..base.clone()
            }),
            both
        );
        assert!(
            select(LogQuery {
                status: Some("500".into()),
                ..base.clone()
            })
            .is_empty()
        );
        assert_eq!(
            select(LogQuery {
                batch: logs[1].batch_id.clone(),
                ..base.clone()
            }),
            [logs[1].id]
        );
        assert_eq!(
            select(LogQuery {
                after_id: Some(logs[1].id),
                ..base.clone()
            }),
            [logs[0].id]
        );
        assert_eq!(logs[0].attempt, 1);
        assert!((logs[0].runtime - 0.25).abs() < 1e-9);
        assert!(
            fx.store()
                .logs(&LogQuery {
                    webhook: Some(id),
                    limit: Some(100),
                    failed_only: true,
                    ..Default::default()
                })
                .unwrap()
                .is_empty()
        );
    });
}
