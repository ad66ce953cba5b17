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
        let pointer = format!(
            "file:///openapi.json#/paths/{}/{method}/responses/{status}/content/{}/schema",
            path.replace('~', "~0").replace('/', "~1"),
            key.replace('~', "~0").replace('/', "~1")
        );
        let idx = self
            .compiler
            .compile(&pointer, &mut self.schemas)
            .unwrap_or_else(|e| panic!("{pointer}: {e}"));
        let body: Value = serde_json::from_str(&a.body).unwrap();
        if let Err(e) = self.schemas.validate(&body, idx) {
            panic!("{method} {path} {status}: the body is not as documented: {e}\n{body}");
        }
        self.checked.push(format!("{method} {path} {status}"));
    }
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
