//! Sign in and sign out.

use super::*;

#[derive(Template)]
#[template(path = "console/login.html")]
pub(super) struct LoginPage {
    title: &'static str,
    nav: Option<Nav>,
    error: Option<String>,
    username: String,
    next: String,
}

pub async fn login_form(State(c): State<Arc<Console>>, RawQuery(q): RawQuery) -> Response {
    let next = local_path(&query_value(q.as_deref(), "next").unwrap_or_default()).to_owned();
    if c.app.auth.is_none() {
        return see_other(&next);
    }
    html(
        StatusCode::OK,
        &LoginPage {
            title: "Sign in",
            nav: None,
            error: None,
            username: String::new(),
            next,
        },
    )
}

pub(super) struct LoginForm {
    username: String,
    password: String,
    next: String,
}

pub async fn login(
    State(c): State<Arc<Console>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = Fields::parse(&body);
    let f = LoginForm {
        username: form.get("username"),
        password: form.get("password"),
        next: form.get("next"),
    };
    if !same_origin(&headers) {
        return plain(
            StatusCode::FORBIDDEN,
            "This form was sent from another site; sign in from hookq's own page.",
        );
    }
    let next = local_path(&f.next).to_owned();
    let Some(gate) = &c.app.auth else {
        return see_other(&next);
    };
    let page = |status: StatusCode, error: String| {
        html(
            status,
            &LoginPage {
                title: "Sign in",
                nav: None,
                error: Some(error),
                username: f.username.clone(),
                next: next.clone(),
            },
        )
    };
    let ip = client_ip(peer, &headers, gate.trusted_proxies());
    let creds = auth::Credentials {
        username: f.username.clone(),
        password: f.password.clone(),
    };
    let lookup = |name: &str| c.app.read_now(|s| crate::service::api_users::find(s, name));
    match sign_in(gate, lookup, ip, creds).await {
        SignIn::In(user) => match c
            .sessions
            .start(Some((user.username.clone(), user.password_hash.clone())))
        {
            Ok((id, _)) => {
                let secure = super::super::came_over_tls(&c, peer, &headers);
                let mut r = see_other(&next);
                if let Ok(v) = HeaderValue::from_str(&session::set_cookie(Some(&id), secure)) {
                    r.headers_mut().insert(header::SET_COOKIE, v);
                }
                r
            }
            Err(e) => failure(&e),
        },
        SignIn::Wrong(wait) => {
            let mut r = page(
                StatusCode::UNAUTHORIZED,
                String::from("Wrong username or password."),
            );
            if let Some(w) = wait {
                let secs = w.as_secs_f64().ceil().max(1.0) as u64;
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            r
        }
        SignIn::TooSoon(wait) => {
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            let mut r = page(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many failed sign-ins from this address; try again in {secs} s."),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            r
        }
        SignIn::Failed(e) => failure(&e),
    }
}

pub async fn logout(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let _form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    c.sessions.end(&cur.id);
    let mut r = see_other(if c.app.auth.is_some() {
        "/login"
    } else {
        "/webhooks"
    });
    if let Ok(v) = HeaderValue::from_str(&session::set_cookie(None, false)) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}
