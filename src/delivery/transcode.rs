//! The fast path of payload normalisation: JSON text straight to PHP's
//! encoding, without building a `serde_json::Value` (which costs most of
//! an NDJSON line's parse). It takes only the plain case, an object whose
//! objects repeat no key; on anything else (a repeated key, bad JSON, not
//! an object) it gives up and the caller takes the `Value` path, which
//! decides and words the answer. A property test checks both paths agree.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::body::encode_str;

/// serde_json hands a number (with `arbitrary_precision`) as a map of one
/// entry under this key, its text as the value.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Write one JSON value as PHP encodes it. `top`: the payload itself,
/// which must be an object and loses its `timestamp` keys.
struct Php<'a> {
    out: &'a mut String,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for Php<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// Keys seen in one object: a short list, a set past a few.
#[derive(Default)]
struct Seen {
    few: Vec<String>,
    many: Option<HashSet<String>>,
}

impl Seen {
    /// False when `k` was seen before.
    fn insert(&mut self, k: &str) -> bool {
        if let Some(set) = &mut self.many {
            return set.insert(k.to_owned());
        }
        if self.few.iter().any(|x| x == k) {
            return false;
        }
        self.few.push(k.to_owned());
        if self.few.len() > 8 {
            self.many = Some(self.few.drain(..).collect());
        }
        true
    }
}

impl<'de> Visitor<'de> for Php<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<(), E> {
        if self.top {
            return Err(E::custom("not an object"));
        }
        self.out.push_str(if b { "true" } else { "false" });
        Ok(())
    }

    // Integers that fit come as such even with `arbitrary_precision`;
    // written as Value's Number writes them. (Other numbers come as text
    // under NUMBER_TOKEN; a float never comes here, so none is guessed.)
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        if self.top {
            return Err(E::custom("not an object"));
        }
        self.out.push_str(&n.to_string());
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<(), E> {
        if self.top {
            return Err(E::custom("not an object"));
        }
        self.out.push_str(&n.to_string());
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.top {
            return Err(E::custom("not an object"));
        }
        self.out.push_str("null");
        Ok(())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        if self.top {
            return Err(E::custom("not an object"));
        }
        encode_str(s, self.out);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.top {
            return Err(de::Error::custom("not an object"));
        }
        let out = self.out;
        out.push('[');
        let mut first = true;
        loop {
            let at = out.len();
            if !first {
                out.push(',');
            }
            if seq
                .next_element_seed(Php {
                    out: &mut *out,
                    top: false,
                })?
                .is_none()
            {
                out.truncate(at);
                break;
            }
            first = false;
        }
        out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let out = self.out;
        let Some(first) = map.next_key::<String>()? else {
            out.push_str("{}");
            return Ok(());
        };
        if first == NUMBER_TOKEN {
            if self.top {
                return Err(de::Error::custom("not an object"));
            }
            let text: String = map.next_value()?;
            out.push_str(&text);
            return Ok(());
        }
        out.push('{');
        let mut seen = Seen::default();
        let mut key = Some(first);
        let mut wrote = false;
        while let Some(k) = key {
            if !seen.insert(&k) {
                return Err(de::Error::custom("a repeated key"));
            }
            if self.top && k == "timestamp" {
                map.next_value::<IgnoredAny>()?;
            } else {
                if wrote {
                    out.push(',');
                }
                encode_str(&k, out);
                out.push(':');
                map.next_value_seed(Php {
                    out: &mut *out,
                    top: false,
                })?;
                wrote = true;
            }
            key = map.next_key::<String>()?;
        }
        out.push('}');
        Ok(())
    }
}

/// `text` (a payload) normalised as `body::normalize` would, or None when
/// the fast path does not apply or the payload would be refused.
pub fn payload(text: &str, max: u64) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut de = serde_json::Deserializer::from_str(text);
    Php {
        out: &mut out,
        top: true,
    }
    .deserialize(&mut de)
    .ok()?;
    de.end().ok()?;
    (out.len() as u64 <= max).then_some(out)
}

/// One NDJSON line `{"type":..,"payload":{..}}` as (type, normalised
/// payload), or None when the fast path does not apply.
pub fn line(text: &str, max: u64) -> Option<(String, String)> {
    struct Line<'a> {
        out: &'a mut String,
    }

    impl<'de> Visitor<'de> for Line<'_> {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an event line")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
            let (mut event_type, mut payload) = (None, false);
            while let Some(k) = map.next_key::<String>()? {
                match k.as_str() {
                    "type" if event_type.is_none() => {
                        event_type = Some(map.next_value::<String>()?)
                    }
                    "payload" if !payload => {
                        map.next_value_seed(Php {
                            out: &mut *self.out,
                            top: true,
                        })?;
                        payload = true;
                    }
                    _ => return Err(de::Error::custom("not the plain case")),
                }
            }
            if !payload {
                self.out.push_str("{}");
            }
            Ok(event_type)
        }
    }

    impl<'de> DeserializeSeed<'de> for Line<'_> {
        type Value = Option<String>;

        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
            d.deserialize_map(self)
        }
    }

    let mut out = String::with_capacity(text.len());
    let mut de = serde_json::Deserializer::from_str(text);
    let event_type = Line { out: &mut out }.deserialize(&mut de).ok()??;
    de.end().ok()?;
    (out.len() as u64 <= max).then_some((event_type, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::body::normalize_via_value as normalize;

    #[test]
    fn plain_payloads_match_the_value_path() {
        for text in [
            r#"{"a":1,"b":[true,null,"x\/y é 😀"],"c":{"d":1.50,"e":-0,"f":1E3}}"#,
            r#"{"timestamp":"x","n":{"timestamp":1}}"#,
            r#"{}"#,
            r#" { "a" : [ ] , "b" : { } } "#,
            r#"{"big":123456789012345678901234567890}"#,
        ] {
            assert_eq!(
                payload(text, 1 << 20),
                normalize(text, 1 << 20).ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn anything_else_is_left_to_the_value_path() {
        for text in [
            r#"[1]"#,
            r#""s""#,
            r#"{"a":1,"a":2}"#,
            r#"{"a":{"b":1,"b":2}}"#,
            r#"{"a":"#,
            r#"{} x"#,
            "1",
        ] {
            assert_eq!(payload(text, 1 << 20), None, "{text}");
        }
        assert_eq!(payload(r#"{"a":"0123456789"}"#, 5), None);
    }

    #[test]
    fn lines_split_type_and_payload() {
        assert_eq!(
            line(r#"{"type":"t","payload":{"a":"\/"}}"#, 100),
            Some(("t".into(), r#"{"a":"\/"}"#.into()))
        );
        assert_eq!(
            line(r#"{"type":"t"}"#, 100),
            Some(("t".into(), "{}".into()))
        );
        assert_eq!(line(r#"{"payload":{}}"#, 100), None);
        assert_eq!(line(r#"{"type":"t","x":1}"#, 100), None);
        assert_eq!(line(r#"{"type":1}"#, 100), None);
        assert_eq!(line(r#"{"type":"t","payload":[1]}"#, 100), None);
    }
}
