//! Turning an allowed host into a connection: the `[network.hosts]` stand-ins first, then DNS,
//! and only to public addresses, so an allowed name can never be pointed at the local network.

use std::collections::BTreeMap;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

pub fn connect(hosts: &BTreeMap<String, SocketAddr>, host: &str, port: u16, timeout: Duration) -> io::Result<TcpStream> {
    if let Some(address) = hosts.get(host) {
        return TcpStream::connect_timeout(address, timeout);
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        // The policy allowed this address because an entry names it explicitly.
        return TcpStream::connect_timeout(&SocketAddr::new(ip, port), timeout);
    }
    let addresses: Vec<SocketAddr> = (host, port).to_socket_addrs()?.collect();
    let public: Vec<SocketAddr> = addresses.iter().copied().filter(|a| is_public_address(a.ip())).collect();
    if public.is_empty() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the name resolves to no public address"));
    }
    let mut last_error = io::Error::new(io::ErrorKind::NotFound, "no address");
    for address in public {
        match TcpStream::connect_timeout(&address, timeout) {
            Ok(stream) => return Ok(stream),
            Err(err) => last_error = err,
        }
    }
    Err(last_error)
}

/// False for loopback, private, link-local, shared, documentation, multicast and reserved ranges.
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_address(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first == 0x2001 && v6.segments()[1] == 0x0db8)
                || (first == 0x0064 && v6.segments()[1] == 0xff9b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        for private in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1",
            "2001:db8::1", "64:ff9b::a00:1"] {
            assert!(!is_public_address(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "145.242.11.1", "2a01:cb00::1", "::ffff:8.8.8.8"] {
            assert!(is_public_address(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn a_name_on_the_local_machine_is_refused() {
        let err = connect(&BTreeMap::new(), "localhost", 80, Duration::from_secs(1)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
    }
}
