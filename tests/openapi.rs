//! The OpenAPI document (issue 24): served without credentials, the same
//! as `hookq openapi`, every documented operation served, and real
//! answers of every route valid against the schema the document gives
//! for their status (checked with a JSON Schema 2020-12 validator).

use serde_json::{Value, json};

use super::test_env;
use crate::common::server::{Answer, Server};

const FORM: &str = "mautic.form_on_submit";

/// Checks answers against the document's response schemas.
struct Doc {
    doc: Value,
    schemas: boon::Schemas,
    compiler: boon::Compiler,
    checked: Vec<String>,
}

impl Doc {
    fn new(doc: Value) -> Doc {
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource("file:///openapi.json", doc.clone())
            .unwrap();
        Doc {
            doc,
            schemas: boon::Schemas::new(),
            compiler,
            checked: Vec::new(),
        }
    }

    /// `a` (to `method path`, `path` as documented) has a status the
    /// document lists for it, and a body valid against its schema.
    #[track_caller]
    fn check(&mut self, method: &str, path: &str, a: &Answer) {
        let status = a.status.to_string();
        let op = &self.doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        let resp = &op["responses"][&status];
        assert!(
            resp.is_object(),
            "{method} {path} answered {status}, which the document does not list: {}",
            a.body
        );
        let ctype = a
            .header("content-type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_owned();
        let content = resp["content"].as_object().expect("a documented body");
        let key = content
            .keys()
            .find(|k| k.split(';').next().unwrap().trim() == ctype)
            .unwrap_or_else(|| {
                panic!("{method} {path} {status}: content type {ctype} is not documented")
            })
            .clone();
        if ctype != "application/json" {
            self.checked.push(format!("{method} {path} {status}"));
            return;
        }
        let idx = self.schema(&format!(
            "/paths/{}/{method}/responses/{status}/content/{}/schema",
            escape(path),
            escape(&key)
        ));
        let body: Value = serde_json::from_str(&a.body).unwrap();
        if let Err(e) = self.schemas.validate(&body, idx) {
            panic!("{method} {path} {status}: the body is not as documented: {e}\n{body}");
        }
        self.checked.push(format!("{method} {path} {status}"));
    }
}

impl Doc {
    /// Whether the document admits `body` as `method path`'s request body
    /// of type `ctype` (`None`: no body, which it must not require).
    fn admits(&mut self, method: &str, path: &str, ctype: &str, body: Option<&Value>) -> bool {
        let rb = &self.doc["paths"][path][method]["requestBody"];
        let Some(body) = body else {
            return rb.is_null() || rb["required"] != json!(true);
        };
        let idx = self.schema(&format!(
            "/paths/{}/{method}/requestBody/content/{}/schema",
            escape(path),
            escape(ctype)
        ));
        self.schemas.validate(body, idx).is_ok()
    }

    /// Whether the document admits `value` for `method path`'s parameter
    /// `name`.
    fn admits_param(&mut self, method: &str, path: &str, name: &str, value: &Value) -> bool {
        let params = self.doc["paths"][path][method]["parameters"]
            .as_array()
            .unwrap()
            .clone();
        let i = params
            .iter()
            .position(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"));
        let idx = self.schema(&format!("/paths/{}/{method}/parameters/{i}/schema", escape(path)));
        self.schemas.validate(value, idx).is_ok()
    }

    /// The document's schema at `pointer`, compiled.
    fn schema(&mut self, pointer: &str) -> boon::SchemaIndex {
        let url = format!("file:///openapi.json#{pointer}");
        self.compiler
            .compile(&url, &mut self.schemas)
            .unwrap_or_else(|e| panic!("{url}: {e}"))
    }
}

/// `s` as one JSON Pointer token.
fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn json_body(v: &Value) -> Vec<u8> {
    v.to_string().into_bytes()
}

#[test]
fn the_document_describes_what_serve_answers() {
    let Some(env) = test_env() else { return };
    let srv: Server = env.serve(&[]);
    // Served without credentials; the same as `hookq openapi`.
    let a = srv.call_as(None, "GET", "/api/openapi.json", None);
    assert_eq!(a.status, 200, "{}", a.body);
    let served: Value = serde_json::from_str(&a.body).unwrap();
    let printed: Value = serde_json::from_str(&env.ok(&["openapi"])).unwrap();
    assert_eq!(served, printed);
    assert_eq!(served["components"]["securitySchemes"]["basic"]["scheme"], "basic");
    let mut d = Doc::new(served.clone());
    d.check("get", "/api/openapi.json", &a);

    // Every documented operation is served: none is an unknown route.
    for (path, ops) in served["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let concrete = path.replace("{id}", "1");
            let a = srv.call_as(None, &method.to_uppercase(), &concrete, None);
            assert!(
                a.status != 404 || !a.body.contains("Requested URL not found"),
                "{method} {path} is documented but not served"
            );
            assert_ne!(a.status, 405, "{method} {path}");
        }
    }

    // Real answers of each route, against the schemas of their status.
    d.check("get", "/healthz", &srv.call_as(None, "GET", "/healthz", None));
    d.check("get", "/metrics", &srv.call_as(None, "GET", "/metrics", None));
    d.check("get", "/api/hooks", &srv.call_as(None, "GET", "/api/hooks", None));
    let new = json!({
        "name": "CRM", "webhookUrl": "http://127.0.0.1:9/crm", "triggers": [FORM],
        "hookq": {"headers": {"X-Api-Key": "k"}, "filters": {FORM: {"x": 1}}, "rate": "5/s"},
    });
    let a = srv.send_json("POST", "/api/hooks/new", &new);
    d.check("post", "/api/hooks/new", &a);
    let form = "name=Form&webhookUrl=http%3A%2F%2F127.0.0.1%3A9%2Ff&triggers%5B0%5D=mautic.page_on_hit&isPublished=0";
    d.check("post", "/api/hooks/new", &srv.send_form("POST", "/api/hooks/new", form));
    d.check("post", "/api/hooks/new", &srv.send_json("POST", "/api/hooks/new", &json!({})));
    d.check("get", "/api/hooks", &srv.get("/api/hooks"));
    d.check("get", "/api/hooks", &srv.get("/api/hooks?minimal=1&orderBy=name&orderByDir=desc"));
    d.check("get", "/api/hooks", &srv.get("/api/hooks?limit=-1"));
    d.check("get", "/api/hooks/{id}", &srv.get("/api/hooks/1"));
    d.check("get", "/api/hooks/{id}", &srv.get("/api/hooks/999"));
    d.check("patch", "/api/hooks/{id}/edit", &srv.send_json("PATCH", "/api/hooks/1/edit", &json!({"name": "CRM 2"})));
    d.check("put", "/api/hooks/{id}/edit", &srv.send_json("PUT", "/api/hooks/77/edit", &json!({"name": "P", "webhookUrl": "http://127.0.0.1:9/p", "triggers": [FORM]})));
    d.check("patch", "/api/hooks/{id}/edit", &srv.send_json("PATCH", "/api/hooks/999/edit", &json!({"name": "x"})));
    d.check("get", "/api/hooks/triggers", &srv.get("/api/hooks/triggers"));
    d.check("get", "/api/users/self", &srv.get("/api/users/self"));
    let ev = json!({"type": FORM, "payload": {"x": 1}});
    d.check("post", "/api/hookq/events", &srv.call("POST", "/api/hookq/events", Some(("application/json", &json_body(&ev)))));
    let lines = format!("{ev}\n{}\n", json!({"type": FORM, "payload": {"x": 2}}));
    d.check("post", "/api/hookq/events", &srv.call("POST", "/api/hookq/events", Some(("application/x-ndjson", lines.as_bytes()))));
    d.check("post", "/api/hookq/events", &srv.call("POST", "/api/hookq/events", Some(("application/json", b"{\"type\":\"nope\"}"))));
    d.check("get", "/api/hookq/queue", &srv.get("/api/hookq/queue"));
    d.check("get", "/api/hookq/queue", &srv.get("/api/hookq/queue?webhookId=999"));
    d.check("get", "/api/hookq/queue/stats", &srv.get("/api/hookq/queue/stats"));
    d.check("post", "/api/hookq/hooks/{id}/test", &srv.call("POST", "/api/hookq/hooks/1/test", Some(("application/json", b"{}"))));
    env.ok(&["process"]);
    d.check("get", "/api/hookq/logs", &srv.get("/api/hookq/logs"));
    d.check("get", "/api/hookq/logs", &srv.get("/api/hookq/logs?since=soon"));
    let batch = json!([
        {"name": "B1", "webhookUrl": "http://127.0.0.1:9/b", "triggers": [FORM]},
        {"name": ""},
    ]);
    d.check("post", "/api/hooks/batch/new", &srv.send_json("POST", "/api/hooks/batch/new", &batch));
    d.check("patch", "/api/hooks/batch/edit", &srv.send_json("PATCH", "/api/hooks/batch/edit", &json!([{"id": 1, "name": "again"}, {"name": "no id"}])));
    d.check("delete", "/api/hooks/batch/delete", &srv.call("DELETE", "/api/hooks/batch/delete?ids=77,999", None));
    d.check("delete", "/api/hooks/{id}/delete", &srv.call("DELETE", "/api/hooks/2/delete", None));
    d.check("get", "/api/hooks", &srv.call_as(None, "GET", "/api/hooks", None));
    assert_eq!(d.checked.len(), 31, "{:?}", d.checked);
}

/// What schemathesis found first (scripts/fuzz-api, seed 20261203): an
/// empty filter in the logs' query was refused (a form sends empty
/// fields; empty is "not given", as the console takes it), and
/// `ids=` deleted nothing with a 200 instead of saying ids are needed;
/// a batch of JSON `null` was a 400 where no body is an empty batch.
#[test]
fn regression_fuzzing_empty_query_values() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let doc: Value = serde_json::from_str(&env.ok(&["openapi"])).unwrap();
    let mut d = Doc::new(doc);
    let a = srv.get("/api/hookq/logs?failed=true&limit=0&since=&status=&batch=");
    assert_eq!(a.status, 200, "{}", a.body);
    d.check("get", "/api/hookq/logs", &a);
    // No body, or a JSON null, is an empty batch (Mautic's answer to no
    // entities), which the document allows.
    for body in [None, Some(&b"null"[..])] {
        let a = srv.call("POST", "/api/hooks/batch/new", body.map(|b| ("application/json", b)));
        assert_eq!(a.status, 201, "{}", a.body);
        assert_eq!(a.json(), json!({"hooks": [], "statusCodes": []}));
        d.check("post", "/api/hooks/batch/new", &a);
    }
    for q in ["ids=", "ids=%20", ""] {
        let a = srv.call("DELETE", &format!("/api/hooks/batch/delete?{q}"), None);
        assert_eq!(a.status, 400, "{q}: {}", a.body);
        assert!(a.body.contains("ids"), "{}", a.body);
        d.check("delete", "/api/hooks/batch/delete", &a);
    }
}

/// The other side of the document: a request it admits is accepted and
/// one it refuses is answered 400, for the cases schemathesis found where
/// the two parted (scripts/fuzz-api, seed 20261203) and the edges of each
/// pattern. Each case asks both the document and the server.
#[test]
fn the_document_admits_exactly_what_serve_accepts() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let doc: Value = serde_json::from_str(&env.ok(&["openapi"])).unwrap();
    let mut d = Doc::new(doc);
    let cat = env.json(&["category", "create", "--title", "Sales"])["category"]["id"]
        .as_i64()
        .unwrap();
    let hook = |name: &str| json!({"name": name, "webhookUrl": "http://127.0.0.1:9/h", "triggers": [FORM]});
    let with = |mut v: Value, k: &str, x: Value| {
        v[k] = x;
        v
    };
    let bodies: Vec<(Value, bool)> = vec![
        (hook("plain"), true),
        // A whole number written 3.0 is the integer 3 to JSON Schema.
        (with(hook("c"), "category", json!(cat as f64)), true),
        (with(hook("c"), "category", json!({"id": cat.to_string()})), true),
        (with(hook("c"), "category", json!(-1)), false),
        (hook("\u{3000} x"), true),
        (hook(" \u{3000}\u{2028}"), false),
        (hook("a\u{202E}b"), false),
        (hook("a\tb"), false),
        (hook(&"n".repeat(191)), true),
        (hook(&"n".repeat(192)), false),
        (with(hook("n"), "name", json!(12.5)), true),
        (with(hook("u"), "webhookUrl", json!("HTTPs://a-b.c_d.example:65535/x?y#z")), true),
        (with(hook("u"), "webhookUrl", json!("http://a..example/")), false),
        (with(hook("u"), "webhookUrl", json!("http://-a.example/")), false),
        (with(hook("u"), "webhookUrl", json!("http://a.example:0/")), false),
        (with(hook("u"), "webhookUrl", json!("ftp://a.example/")), false),
        (with(hook("s"), "signing", json!("STANDARD")), true),
        (with(with(hook("s"), "signing", json!("standard")), "secret", json!("plain")), false),
        (with(hook("s"), "signing", json!("other")), false),
        (with(hook("o"), "eventsOrderbyDir", json!("Desc")), true),
        (with(hook("o"), "eventsOrderbyDir", json!("default")), false),
        (with(hook("p"), "isPublished", json!("Off")), true),
        (with(hook("p"), "isPublished", json!("maybe")), false),
        (with(hook("t"), "triggers", json!([])), false),
        (with(hook("r"), "hookq", json!({"rate": "20/Min", "headers": {"X-Key": " a b "}})), true),
        (with(hook("r"), "hookq", json!({"rate": "0/s"})), false),
        (with(hook("r"), "hookq", json!({"headers": {"Webhook-Id": "x"}})), false),
        (with(hook("r"), "hookq", json!({"headers": {"X-Key": "a\u{e9}"}})), false),
    ];
    for (body, ok) in &bodies {
        assert_eq!(d.admits("post", "/api/hooks/new", "application/json", Some(body)), *ok, "document, {body}");
        let a = srv.send_json("POST", "/api/hooks/new", body);
        assert_eq!(a.status, if *ok { 201 } else { 400 }, "{body}: {}", a.body);
        d.check("post", "/api/hooks/new", &a);
    }

    // PHP's form encoding: the same fields as text (the form's schema is
    // the JSON one's text branches, so a category past 18 digits is
    // refused by both, as the JSON one is).
    let form_cases = [("1", true), ("", true), ("99999999999999999999", false), ("x", false)];
    for (category, ok) in form_cases {
        let v = json!({"name": "f", "webhookUrl": "http://127.0.0.1:9/f", "triggers": [FORM], "category": category});
        let ctype = "application/x-www-form-urlencoded";
        assert_eq!(d.admits("post", "/api/hooks/new", ctype, Some(&v)), ok, "document, {v}");
        let category = if category == "1" { cat.to_string() } else { category.to_owned() };
        let body = format!("name=f&webhookUrl=http%3A%2F%2F127.0.0.1%3A9%2Ff&triggers%5B%5D={FORM}&category={category}");
        let a = srv.call("POST", "/api/hooks/new", Some((ctype, body.as_bytes())));
        assert_eq!(a.status, if ok { 201 } else { 400 }, "{body}: {}", a.body);
        d.check("post", "/api/hooks/new", &a);
    }

    // PATCH: no body is the webhook as it is; setting standard signing
    // gives the secret it signs with, whatever the webhook's was.
    let id = srv.send_json("POST", "/api/hooks/new", &hook("patched")).json()["hook"]["id"]
        .as_i64()
        .unwrap();
    let edit = format!("/api/hooks/{id}/edit");
    assert!(d.admits("patch", "/api/hooks/{id}/edit", "application/json", None));
    let a = srv.call("PATCH", &edit, None);
    assert_eq!(a.status, 200, "{}", a.body);
    let patches = [
        (json!({"signing": "standard", "secret": ""}), true),
        (json!({"signing": "standard"}), false),
        (json!({"eventsOrderbyDir": "default"}), true),
        (json!({"webhookUrl": null}), true),
        (json!(null), false),
    ];
    for (body, ok) in &patches {
        assert_eq!(d.admits("patch", "/api/hooks/{id}/edit", "application/json", Some(body)), *ok, "document, {body}");
        let a = srv.send_json("PATCH", &edit, body);
        assert_eq!(a.status, if *ok { 200 } else { 400 }, "{body}: {}", a.body);
        d.check("patch", "/api/hooks/{id}/edit", &a);
    }
    // A form's fields without a name are dropped and index-named ones
    // are fields like any other (schemathesis, seeds 20261203 and 12345).
    for form in ["=true", "=null&0=null"] {
        let a = srv.call("PATCH", &edit, Some(("application/x-www-form-urlencoded", form.as_bytes())));
        assert_eq!(a.status, 200, "{form}: {}", a.body);
        d.check("patch", "/api/hooks/{id}/edit", &a);
    }
    // The webhook is standard now: PATCHing it standard again still names
    // its secret (the rule does not hang on what is stored).
    let a = srv.send_json("PATCH", &edit, &json!({"signing": "standard"}));
    assert_eq!(a.status, 400, "{}", a.body);
    // A PUT to an id that is not a number is a documented 404.
    let a = srv.send_json("PUT", "/api/hooks/null/edit", &hook("x"));
    assert_eq!(a.status, 404, "{}", a.body);
    d.check("put", "/api/hooks/{id}/edit", &a);
    // PUT creates with its id up to Mautic's column; past it an id no
    // webhook has is a 404 saying so, and one that a webhook has (POST
    // goes on after a PUT took the top id) is replaced: found by
    // schemathesis's stateful links on PostgreSQL.
    let a = srv.send_json("PUT", "/api/hooks/2147483647/edit", &hook("top"));
    assert_eq!(a.status, 201, "{}", a.body);
    let after = srv.send_json("POST", "/api/hooks/new", &hook("after")).json()["hook"]["id"]
        .as_i64()
        .unwrap();
    assert_eq!(after, 2_147_483_648);
    let a = srv.send_json("PUT", "/api/hooks/2147483648/edit", &hook("replaced"));
    assert_eq!(a.status, 200, "{}", a.body);
    d.check("put", "/api/hooks/{id}/edit", &a);
    for past in ["2147483649", "99999999999999999999"] {
        let a = srv.send_json("PUT", &format!("/api/hooks/{past}/edit"), &hook("past"));
        assert_eq!(a.status, 404, "{past}: {}", a.body);
        assert!(a.body.contains("at most 2147483647"), "{}", a.body);
        d.check("put", "/api/hooks/{id}/edit", &a);
    }

    // Batches: no body is an empty batch; an item is answered on its own.
    assert!(d.admits("post", "/api/hooks/batch/new", "application/json", None));
    assert!(!d.admits("post", "/api/hooks/batch/new", "application/json", Some(&json!("x"))));
    let a = srv.send_json("POST", "/api/hooks/batch/new", &json!("x"));
    assert_eq!(a.status, 400, "{}", a.body);
    // A JSON body of blanks is not JSON (no body is an empty batch).
    let a = srv.call("PATCH", "/api/hooks/batch/edit", Some(("application/json", b"\t")));
    assert_eq!(a.status, 400, "{}", a.body);
    d.check("patch", "/api/hooks/batch/edit", &a);
    let a = srv.call("PATCH", "/api/hooks/batch/edit", None);
    assert_eq!(a.status, 200, "{}", a.body);

    // One event: the type is the catalog's, nothing but type, payload, id.
    let events = [
        (json!({"type": FORM, "payload": {"a": 1}, "id": "k1"}), true),
        (json!({"type": FORM, "extra": 1}), false),
        (json!({"type": FORM, "payload": null}), false),
        (json!({"type": FORM, "id": ""}), false),
        (json!({"type": "hookq.batch_dead"}), false),
    ];
    for (body, ok) in &events {
        assert_eq!(d.admits("post", "/api/hookq/events", "application/json", Some(body)), *ok, "document, {body}");
        let a = srv.send_json("POST", "/api/hookq/events", body);
        assert_eq!(a.status, if *ok { 200 } else { 400 }, "{body}: {}", a.body);
        d.check("post", "/api/hookq/events", &a);
    }

    // Query parameters, with the wire form of each value.
    let params = [
        ("get", "/api/hooks", "orderByDir", "DESC", true),
        ("get", "/api/hooks", "orderByDir", "down", false),
        ("get", "/api/hooks", "orderBy", "w.dateAdded", true),
        ("get", "/api/hooks", "orderBy", "w.", false),
        ("get", "/api/hooks", "search", "a\u{0}", false),
        ("get", "/api/hookq/logs", "status", " n/a ", true),
        ("get", "/api/hookq/logs", "status", "600", false),
        ("get", "/api/hookq/logs", "since", "366d", true),
        ("get", "/api/hookq/logs", "since", "367d", false),
        ("get", "/api/hookq/logs", "since", "0", false),
        ("get", "/api/hookq/logs", "batch", " b-1 ", true),
        ("get", "/api/hookq/logs", "batch", "a\u{1}b", false),
        // Flags as PHP clients send them; empty is no.
        ("get", "/api/hooks", "minimal", "", true),
        ("get", "/api/hooks", "publishedOnly", "On", true),
        ("get", "/api/hookq/queue", "dead", "2", false),
    ];
    // An empty whole number says nothing (schemathesis sent `limit=`,
    // `webhookId=`, `start=` as the integers' negatives), and a parameter
    // given twice is a guess: both refused, naming the parameter.
    for q in [
        "/api/hooks?start=",
        "/api/hookq/queue?webhookId=",
        "/api/hookq/logs?limit=",
        "/api/hookq/logs?webhookId=1&webhookId=",
    ] {
        let a = srv.get(q);
        assert_eq!(a.status, 400, "{q}: {}", a.body);
        let name = q.split('?').nth(1).unwrap().split('=').next().unwrap();
        assert!(a.body.contains(&format!("\"{name}\"")), "{q}: {}", a.body);
    }
    assert!(!d.admits_param("get", "/api/hooks", "limit", &json!("")));
    for (method, path, name, value, ok) in params {
        assert_eq!(d.admits_param(method, path, name, &json!(value)), ok, "document, {name}={value:?}");
        let q: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
        let a = srv.get(&format!("{path}?{name}={q}"));
        assert_eq!(a.status, if ok { 200 } else { 400 }, "{name}={value:?}: {}", a.body);
        d.check(method, path, &a);
    }
}

/// The document's examples (real answers and requests, captured from a
/// running serve) are valid against the schemas they illustrate, and the
/// answers' routes each have one.
#[test]
fn every_example_is_valid_against_its_schema() {
    let Some(env) = test_env() else { return };
    let doc: Value = serde_json::from_str(&env.ok(&["openapi"])).unwrap();
    let mut d = Doc::new(doc.clone());
    let mut named = Vec::new();
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        let examples = match (&schema["examples"], &schema["example"]) {
            (Value::Array(a), _) => a.clone(),
            (_, Value::Null) => continue,
            (_, one) => vec![one.clone()],
        };
        let idx = d.schema(&format!("/components/schemas/{}", escape(name)));
        for e in &examples {
            if let Err(err) = d.schemas.validate(e, idx) {
                panic!("{name}'s example is not valid against it: {err}\n{e}");
            }
        }
        named.push(name.clone());
    }
    for name in [
        "HookDocument", "HookList", "BatchAnswer", "Emitted", "EmittedMany", "QueueList",
        "QueueStats", "Logs", "Health", "User", "Triggers", "Error", "HookCreate", "EventInput",
    ] {
        assert!(named.iter().any(|n| n == name), "{name} has no example: {named:?}");
    }
}
