//! Which receiver addresses hookq refuses.
//!
//! Cloud metadata endpoints are always refused; with the setting
//! `block_private_addresses` so are loopback, private, link-local, CGNAT
//! and unique-local addresses. Checked when a URL is saved (here) and when
//! a delivery connects.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};

const METADATA_V4: Ipv4Addr = Ipv4Addr::new(169, 254, 169, 254);
const METADATA_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);

pub fn is_metadata(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4 == METADATA_V4,
        IpAddr::V6(v6) => v6 == METADATA_V6 || v6.to_ipv4_mapped() == Some(METADATA_V4),
    }
}

pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || (o[0] == 100 && (64..128).contains(&o[1]))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// Why `ip` is refused, if it is.
pub fn refusal(ip: IpAddr, block_private: bool) -> Option<String> {
    if is_metadata(ip) {
        Some(format!(
            "{ip} is a cloud metadata address, which is always refused"
        ))
    } else if block_private && is_private(ip) {
        Some(format!(
            "{ip} is a private or local address and block_private_addresses is true"
        ))
    } else {
        None
    }
}

/// Check a URL's host. Literal addresses are always checked; names are
/// resolved when `resolve` is true (at connect time always; when a URL is
/// saved only if `block_private` asks for it, to spare a DNS lookup).
pub fn check_url(url: &str, block_private: bool, resolve: bool) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("invalid URL: {e}"))?;
    let port = parsed.port_or_known_default().unwrap_or(80);
    let addrs: Vec<IpAddr> = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(url::Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        Some(url::Host::Domain(name)) if resolve => (name, port)
            .to_socket_addrs()
            .map_err(|e| format!("could not resolve {name} to check it ({e})"))?
            .map(|a| a.ip())
            .collect(),
        Some(url::Host::Domain(_)) => vec![],
        None => return Err(String::from("the URL has no host")),
    };
    match addrs.into_iter().find_map(|ip| refusal(ip, block_private)) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_addresses() {
        for p in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.1.1",
            "100.64.0.1",
            "::1",
            "fd12::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_private(p.parse().unwrap()), "{p}");
        }
        for p in ["8.8.8.8", "100.128.0.1", "2001:db8::1"] {
            assert!(!is_private(p.parse().unwrap()), "{p}");
        }
        assert!(is_metadata("169.254.169.254".parse().unwrap()));
        assert!(is_metadata("fd00:ec2::254".parse().unwrap()));
    }

    #[test]
    fn checks_urls() {
        assert!(check_url("http://169.254.169.254/latest", false, false).is_err());
        assert!(check_url("http://[fd00:ec2::254]/", false, false).is_err());
        assert!(check_url("http://127.0.0.1:9/", false, true).is_ok());
        assert!(check_url("http://127.0.0.1:9/", true, true).is_err());
        assert!(check_url("http://localhost:9/", true, true).is_err());
    }
}
