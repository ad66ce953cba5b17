//! Which receiver addresses and hosts hookq refuses.
//!
//! Always refused: cloud metadata and credentials endpoints (169.254.169.254,
//! 169.254.170.2, 169.254.169.253, 100.100.100.200, fd00:ec2::254,
//! fd00:ec2::23), IPv6 link-local addresses (fe80::/10), and every address that is not
//! a unicast address a receiver can have: unspecified, "this network",
//! multicast, broadcast, reserved, documentation, benchmarking and IETF
//! protocol ranges, Teredo tunnels. With the setting
//! `block_private_addresses`, also loopback, private, link-local, CGNAT,
//! site-local and unique-local addresses. An IPv6 address that carries an
//! IPv4 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by the
//! IPv4 address it reaches.
//!
//! Checked when a URL is saved (here, and the host's form in
//! `model::validate_url`) and at connect time on the very addresses the
//! connection uses (`delivery::http`'s resolver): the name is looked up
//! once, so it cannot answer the check with one address and the
//! connection with another.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};

/// Addresses that hand out cloud credentials or instance data: AWS, GCP
/// and Azure's metadata service (and its IPv6 form), the ECS task role
/// endpoint, Amazon's DNS and time service, Alibaba Cloud's metadata.
const CREDENTIALS_V4: [Ipv4Addr; 4] = [
    Ipv4Addr::new(169, 254, 169, 254),
    Ipv4Addr::new(169, 254, 170, 2),
    Ipv4Addr::new(169, 254, 169, 253),
    Ipv4Addr::new(100, 100, 100, 200),
];
const CREDENTIALS_V6: [Ipv6Addr; 2] = [
    Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254),
    Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0023),
];

/// What an address is, for a receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A public unicast address.
    Global,
    /// Loopback, private, link-local and the like: refused only with
    /// `block_private_addresses`.
    Private(&'static str),
    /// Never a receiver's: always refused.
    Special(&'static str),
}

fn classify_v4(ip: Ipv4Addr) -> Class {
    let o = ip.octets();
    let within = |net: [u8; 4], bits: u32| {
        let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
        u32::from(ip) & mask == u32::from(Ipv4Addr::from(net)) & mask
    };
    if CREDENTIALS_V4.contains(&ip) {
        Class::Special("a cloud metadata or credentials address")
    } else if o[0] == 0 {
        Class::Special("a \"this network\" address (0.0.0.0/8)")
    } else if ip.is_broadcast() {
        Class::Special("the broadcast address")
    } else if ip.is_multicast() {
        Class::Special("a multicast address")
    } else if o[0] >= 240 {
        Class::Special("a reserved address (240.0.0.0/4)")
    } else if within([192, 0, 2, 0], 24)
        || within([198, 51, 100, 0], 24)
        || within([203, 0, 113, 0], 24)
    {
        Class::Special("a documentation address")
    } else if within([198, 18, 0, 0], 15) {
        Class::Special("a benchmarking address (198.18.0.0/15)")
    } else if within([192, 0, 0, 0], 24) {
        Class::Special("an IETF protocol address (192.0.0.0/24)")
    } else if ip.is_loopback() {
        Class::Private("a loopback address")
    } else if ip.is_private() {
        Class::Private("a private address")
    } else if ip.is_link_local() {
        Class::Private("a link-local address")
    } else if within([100, 64, 0, 0], 10) {
        Class::Private("a shared (CGNAT) address")
    } else {
        Class::Global
    }
}

/// The IPv4 address an IPv6 one carries, with the form's name.
fn embedded_v4(ip: Ipv6Addr) -> Option<(Ipv4Addr, &'static str)> {
    let s = ip.segments();
    let low = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = ip.to_ipv4_mapped() {
        Some((v4, "IPv4-mapped"))
    } else if s[..6] == [0; 6] && !ip.is_loopback() && !ip.is_unspecified() {
        Some((low, "IPv4-compatible"))
    } else if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1)
    {
        Some((low, "NAT64"))
    } else if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        Some((v4, "6to4"))
    } else {
        None
    }
}

fn classify_v6(ip: Ipv6Addr) -> Class {
    let s = ip.segments();
    if CREDENTIALS_V6.contains(&ip) {
        Class::Special("a cloud metadata or credentials address")
    } else if ip.is_unspecified() {
        Class::Special("the unspecified address")
    } else if ip.is_multicast() {
        Class::Special("a multicast address")
    } else if s[0] == 0x2001 && s[1] == 0 {
        Class::Special("a Teredo tunnel address (2001::/32)")
    } else if s[0] == 0x2001 && s[1] == 0x0db8 || (s[0] & 0xfff0) == 0x3ff0 {
        Class::Special("a documentation address")
    } else if s[0] == 0x2001 && s[1] < 0x0200 {
        Class::Special("an IETF protocol address (2001::/23)")
    } else if s[..4] == [0x0100, 0, 0, 0] {
        Class::Special("a discard-only address (100::/64)")
    } else if ip.is_loopback() {
        Class::Private("a loopback address")
    } else if (s[0] & 0xfe00) == 0xfc00 {
        Class::Private("a unique-local address")
    } else if (s[0] & 0xffc0) == 0xfe80 {
        // Where link-local metadata services answer (fe80::a9fe:a9fe);
        // no receiver is reached by a link-local address in a URL.
        Class::Special("a link-local IPv6 address (fe80::/10)")
    } else if (s[0] & 0xffc0) == 0xfec0 {
        Class::Private("a site-local address")
    } else {
        Class::Global
    }
}

pub fn classify(ip: IpAddr) -> Class {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some((v4, _)) => classify_v4(v4),
            None => classify_v6(v6),
        },
    }
}

/// Why `ip` is refused, if it is.
pub fn refusal(ip: IpAddr, block_private: bool) -> Option<String> {
    let what = |kind: &str| match ip {
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some((v4, form)) => format!("{ip} is the {form} form of {v4}, {kind}"),
            None => format!("{ip} is {kind}"),
        },
        IpAddr::V4(_) => format!("{ip} is {kind}"),
    };
    match classify(ip) {
        Class::Global => None,
        Class::Special(kind) => Some(format!("{}, which is always refused", what(kind))),
        Class::Private(kind) if block_private => Some(format!(
            "{} and block_private_addresses is true",
            what(kind)
        )),
        Class::Private(_) => None,
    }
}

/// A host name's form: DNS limits (253 characters, labels of 1 to 63
/// letters, digits, `-` or `_`, never starting or ending with `-`).
/// `host` is as the URL parser gives it (lower case, punycode).
pub fn check_host_name(host: &str) -> Result<(), String> {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > 253 {
        return Err(format!(
            "the host name is {} characters; DNS allows at most 253",
            host.len()
        ));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(String::from("the host name has an empty label (\"..\")"));
        }
        if label.len() > 63 {
            return Err(String::from(
                "a label of the host name is longer than 63 characters",
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "the host name's label {label:?} starts or ends with '-'"
            ));
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(format!(
                "the host name's label {label:?} has characters a host name cannot have"
            ));
        }
    }
    Ok(())
}

/// Check a URL's host. Literal addresses are always checked; names are
/// resolved when `resolve` is true (when a URL is saved only if
/// `block_private` asks for it, to spare a DNS lookup; at connect time the
/// connection's own lookup is checked instead, see `delivery::http`).
pub fn check_url(url: &str, block_private: bool, resolve: bool) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("invalid URL: {e}"))?;
    if parsed.port() == Some(0) {
        return Err(String::from(
            "port 0 is not a port a receiver can listen on",
        ));
    }
    let port = parsed.port_or_known_default().unwrap_or(80);
    let addrs: Vec<IpAddr> = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(url::Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        Some(url::Host::Domain(name)) => {
            check_host_name(name)?;
            if resolve {
                (name, port)
                    .to_socket_addrs()
                    .map_err(|e| format!("could not resolve {name} to check it ({e})"))?
                    .map(|a| a.ip())
                    .collect()
            } else {
                vec![]
            }
        }
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

    fn class(s: &str) -> Class {
        classify(s.parse().unwrap())
    }

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
            "fec0::1",
            "::ffff:10.0.0.1",
            // NAT64, 6to4 and IPv4-compatible forms of 127.0.0.1 (issue 13)
            "64:ff9b::7f00:1",
            "64:ff9b:1::7f00:1",
            "2002:7f00:1::",
            "::127.0.0.1",
        ] {
            assert!(matches!(class(p), Class::Private(_)), "{p}: {:?}", class(p));
        }
        for p in [
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "240.0.0.1",
            "0.0.0.0",
            "0.1.2.3",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "192.0.0.8",
            "169.254.169.254",
            "::",
            "ff02::1",
            "2001:db8::1",
            "3fff::1",
            "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "100::1",
            "fd00:ec2::254",
            // Link-local IPv6 is always refused since issue 23.
            "fe80::1",
            "::ffff:224.0.0.1",
            "64:ff9b::e000:1",
            "2002:c000:0201::",
        ] {
            assert!(matches!(class(p), Class::Special(_)), "{p}: {:?}", class(p));
        }
        for p in [
            "8.8.8.8",
            "100.128.0.1",
            "2606:4700::1111",
            "64:ff9b::808:808",
            "2002:808:808::",
        ] {
            assert_eq!(class(p), Class::Global, "{p}");
        }
        for p in ["169.254.169.254", "fd00:ec2::254", "64:ff9b::a9fe:a9fe"] {
            let why = refusal(p.parse().unwrap(), false).unwrap();
            assert!(why.contains("cloud metadata"), "{p}: {why}");
        }
    }

    /// Issue 23: the other well-known credentials endpoints and IPv6
    /// link-local addresses, in every form, are refused whatever
    /// `block_private_addresses` says.
    #[test]
    fn credential_endpoints_and_ipv6_link_local_are_always_refused() {
        for p in [
            "169.254.170.2",
            "169.254.169.253",
            "100.100.100.200",
            "fd00:ec2::23",
            "FD00:EC2:0:0:0:0:0:23",
            "::ffff:169.254.170.2",
            "::ffff:a9fe:aa02",
            "64:ff9b::a9fe:aa02",
            "::ffff:100.100.100.200",
        ] {
            let why = refusal(p.parse().unwrap(), false).unwrap_or_default();
            assert!(why.contains("credentials"), "{p}: {why:?}");
        }
        for p in [
            "fe80::1",
            "fe80::a9fe:a9fe",
            "FE80:0:0:0:0:0:0:1",
            "febf:ffff::1",
            "fe80::ffff:1.2.3.4",
        ] {
            let why = refusal(p.parse().unwrap(), false).unwrap_or_default();
            assert!(why.contains("fe80::/10"), "{p}: {why:?}");
        }
        for url in [
            "http://169.254.170.2/v2/credentials",
            "http://[fd00:ec2::23]/",
            "http://[fe80::1]/",
            "http://[FE80::a9fe:a9fe]:8080/",
            "http://[fe80:0000::0001]/",
            "http://100.100.100.200/latest/meta-data",
            "http://0x646464c8/",
            "http://1684301000/",
        ] {
            assert!(check_url(url, false, false).is_err(), "{url}");
        }
        // Not every neighbour: 169.254.170.3 is link-local, private only.
        assert_eq!(refusal("169.254.170.3".parse().unwrap(), false), None);
        assert!(refusal("fec0::1".parse().unwrap(), false).is_none());
    }

    #[test]
    fn refusals_name_the_form() {
        let why = refusal("64:ff9b::7f00:1".parse().unwrap(), true).unwrap();
        assert!(why.contains("NAT64 form of 127.0.0.1"), "{why}");
        assert_eq!(refusal("64:ff9b::7f00:1".parse().unwrap(), false), None);
        let why = refusal("224.0.0.1".parse().unwrap(), false).unwrap();
        assert!(why.contains("multicast") && why.contains("always"), "{why}");
    }

    #[test]
    fn checks_urls() {
        assert!(check_url("http://169.254.169.254/latest", false, false).is_err());
        assert!(check_url("http://[fd00:ec2::254]/", false, false).is_err());
        assert!(check_url("http://127.0.0.1:9/", false, true).is_ok());
        assert!(check_url("http://127.0.0.1:9/", true, true).is_err());
        assert!(check_url("http://localhost:9/", true, true).is_err());
        for bad in [
            "http://224.0.0.1/",
            "http://0/",
            "http://127.0.0.1:0/",
            "http://a..b/",
            "http://-a-.com/",
            "http://[2001:db8::1]/",
        ] {
            assert!(check_url(bad, false, false).is_err(), "{bad}");
        }
        let long = format!("http://{}.com/", "a".repeat(3000));
        assert!(check_url(&long, false, false).unwrap_err().contains("253"));
        assert!(check_url("http://my_host.example.com./x", false, false).is_ok());
    }
}
