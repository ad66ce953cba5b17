//! A real headless Chromium for the console's tests, driven over
//! WebDriver: Debian's `chromium` and `chromedriver` on loopback, spoken
//! to with the ureq client the suite already has (a WebDriver crate would
//! bring second copies of http, cookie and icu). Without them installed
//! the tests print one line and pass; `.ci/run` installs them.
//!
//! Chromium runs headless, sandbox off (root in CI), with background
//! networking off and every host name but loopback unresolvable, so a
//! test can reach nothing but 127.0.0.1.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";
/// The key WebDriver names an element reference by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    driver: Child,
    base: String,
    agent: ureq::Agent,
}

/// An element of the current page.
pub struct El<'a> {
    b: &'a Browser,
    id: String,
}

impl Browser {
    /// A new headless Chromium `width` pixels wide, or None (said once)
    /// when chromium or chromedriver is not installed.
    pub fn start(width: u32) -> Option<Browser> {
        if !Path::new(CHROMIUM).exists() || !Path::new(DRIVER).exists() {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                eprintln!(
                    "browser tests did not run: {CHROMIUM} or {DRIVER} is missing (apt-get install chromium chromium-driver)"
                )
            });
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut b = Browser {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            agent,
        };
        let start = Instant::now();
        loop {
            let ready = b
                .agent
                .get(format!("{}/status", b.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--disable-default-apps",
                    "--no-first-run", "--no-pings", "--disable-domain-reliability",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    format!("--window-size={width},900"),
                ],
            },
        }}});
        // A window is at least 500 pixels wide: a phone's width is
        // emulated instead.
        if width < 500 {
            caps["capabilities"]["alwaysMatch"]["goog:chromeOptions"]["mobileEmulation"] =
                json!({"deviceMetrics": {"width": width, "height": 812, "pixelRatio": 1.0}});
        }
        let v = b.send("POST", "/session", Some(caps));
        let id = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {v}"))
            .to_owned();
        b.base = format!("{}/session/{id}", b.base);
        Some(b)
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let res = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, b) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(serde_json::to_vec(&b.unwrap_or_else(|| json!({}))).unwrap()),
        };
        let mut res = res.unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let status = res.status().as_u16();
        let v: Value = res
            .body_mut()
            .read_to_string()
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        assert!(status < 300, "WebDriver {method} {path}: {status} {v}");
        v
    }

    pub fn goto(&self, url: &str) {
        self.send("POST", "/url", Some(json!({"url": url})));
    }

    pub fn url(&self) -> String {
        self.send("GET", "/url", None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn title(&self) -> String {
        self.send("GET", "/title", None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn source(&self) -> String {
        self.send("GET", "/source", None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The elements `css` selects now (none: empty).
    pub fn all(&self, css: &str) -> Vec<El<'_>> {
        let v = self.send(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        v["value"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| El {
                        b: self,
                        id: e[ELEMENT].as_str().unwrap().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element `css` selects, waiting up to 10 s for it.
    #[track_caller]
    pub fn find(&self, css: &str) -> El<'_> {
        let start = Instant::now();
        loop {
            if let Some(e) = self.all(css).into_iter().next() {
                return e;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no element {css} on {}:\n{}",
                self.url(),
                self.source()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The first element whose text is `text`, among those `css` selects.
    #[track_caller]
    pub fn find_text(&self, css: &str, text: &str) -> El<'_> {
        let start = Instant::now();
        loop {
            if let Some(e) = self.all(css).into_iter().find(|e| e.text() == text) {
                return e;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {css} reading {text:?} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Run `script` in the page.
    pub fn run_script(&self, script: &str) {
        self.send(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        );
    }

    /// Whether an alert (say, from injected script) is open.
    pub fn alert_open(&self) -> bool {
        let url = format!("{}/alert/text", self.base);
        self.agent
            .get(&url)
            .call()
            .is_ok_and(|r| r.status().is_success())
    }

    /// A PNG of the page as the browser shows it, saved at `path`.
    pub fn screenshot(&self, path: &Path) {
        use base64::Engine;
        let v = self.send("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v["value"].as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    /// The page's width as laid out and the viewport's: a page wider than
    /// its window has something cut off or sticking out.
    pub fn widths(&self) -> (i64, i64) {
        let v = self.send(
            "POST",
            "/execute/sync",
            Some(json!({"script": "return [document.documentElement.scrollWidth, window.innerWidth];", "args": []})),
        );
        (
            v["value"][0].as_i64().unwrap(),
            v["value"][1].as_i64().unwrap(),
        )
    }
}

impl El<'_> {
    pub fn click(&self) {
        self.b
            .send("POST", &format!("/element/{}/click", self.id), None);
    }

    /// Click, and wait (up to 10 s) until the page it leads to has loaded:
    /// what is read next is the new page, never the old one.
    #[track_caller]
    pub fn click_to_load(&self) {
        self.b.run_script("window.__hookq_old_page = true;");
        self.click();
        let start = Instant::now();
        loop {
            let v = self.b.send(
                "POST",
                "/execute/sync",
                Some(json!({"script": "return !window.__hookq_old_page && document.readyState === 'complete';", "args": []})),
            );
            if v["value"] == true {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no new page after the click"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn clear(&self) {
        self.b
            .send("POST", &format!("/element/{}/clear", self.id), None);
    }

    pub fn type_text(&self, text: &str) {
        self.b.send(
            "POST",
            &format!("/element/{}/value", self.id),
            Some(json!({"text": text})),
        );
    }

    pub fn text(&self) -> String {
        self.b
            .send("GET", &format!("/element/{}/text", self.id), None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn attr(&self, name: &str) -> Option<String> {
        self.b.send(
            "GET",
            &format!("/element/{}/attribute/{name}", self.id),
            None,
        )["value"]
            .as_str()
            .map(str::to_owned)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if self.base.contains("/session/") {
            let _ = self.agent.delete(&self.base).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
