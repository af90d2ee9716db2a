//! The server side of a WebSocket for the test sites (handshake, then an echo of every text
//! message), and the frame codec a test client needs to talk to it through the proxy.
#![allow(dead_code)]

use super::site::{ReadWrite, Recorded};

const TEXT: u8 = 0x1;
const CLOSE: u8 = 0x8;
const PING: u8 = 0x9;
const PONG: u8 = 0xa;

/// `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key` (RFC 6455, section 4.2.2).
pub fn accept_key(key: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        format!("{}258EAFA5-E914-47DA-95CA-C5AB0DC85B11", key.trim()).as_bytes(),
    );
    base64(digest.as_ref())
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Answers the handshake in `request`, then echoes each text message as `echo:<text>` until the
/// client closes. `buffer` holds any bytes the client sent after its head.
pub fn echo(stream: &mut dyn ReadWrite, request: &Recorded, mut buffer: Vec<u8>) {
    let Some(key) = request.header("sec-websocket-key") else { return };
    let head = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {}\r\n\r\n",
        accept_key(key)
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    while let Some((opcode, payload)) = read_frame(stream, &mut buffer) {
        let answer = match opcode {
            TEXT => frame(TEXT, &[b"echo:".as_slice(), &payload].concat(), None),
            PING => frame(PONG, &payload, None),
            CLOSE => {
                let _ = stream.write_all(&frame(CLOSE, &payload, None));
                return;
            }
            _ => continue,
        };
        if stream.write_all(&answer).is_err() {
            return;
        }
    }
}

/// One final frame; clients must mask theirs, servers must not.
pub fn frame(opcode: u8, payload: &[u8], mask: Option<[u8; 4]>) -> Vec<u8> {
    let mut out = vec![0x80 | opcode];
    let masked = if mask.is_some() { 0x80 } else { 0 };
    match payload.len() {
        n if n < 126 => out.push(masked | n as u8),
        n if n <= 0xffff => {
            out.push(masked | 126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(masked | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    match mask {
        Some(key) => {
            out.extend_from_slice(&key);
            out.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
        }
        None => out.extend_from_slice(payload),
    }
    out
}

/// A text frame as a client sends it.
pub fn client_text(text: &str) -> Vec<u8> {
    frame(TEXT, text.as_bytes(), Some([0x37, 0xfa, 0x21, 0x3d]))
}

/// Reads one whole frame (masked or not) from `buffer`, reading more from `stream` as needed.
/// Returns its opcode and unmasked payload; `None` when the stream ends first.
pub fn read_frame(stream: &mut dyn ReadWrite, buffer: &mut Vec<u8>) -> Option<(u8, Vec<u8>)> {
    loop {
        if let Some((opcode, payload, used)) = parse_frame(buffer) {
            buffer.drain(..used);
            return Some((opcode, payload));
        }
        let mut chunk = [0u8; 4096];
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn parse_frame(bytes: &[u8]) -> Option<(u8, Vec<u8>, usize)> {
    let (&first, &second) = (bytes.first()?, bytes.get(1)?);
    let (length, mut at) = match second & 0x7f {
        126 => (u64::from(u16::from_be_bytes(bytes.get(2..4)?.try_into().ok()?)), 4),
        127 => (u64::from_be_bytes(bytes.get(2..10)?.try_into().ok()?), 10),
        n => (u64::from(n), 2),
    };
    let mask: Option<[u8; 4]> = if second & 0x80 != 0 {
        at += 4;
        Some(bytes.get(at - 4..at)?.try_into().ok()?)
    } else {
        None
    };
    let end = at + usize::try_from(length).ok()?;
    let payload = bytes.get(at..end)?;
    let payload = match mask {
        Some(key) => payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]).collect(),
        None => payload.to_vec(),
    };
    Some((first & 0x0f, payload, end))
}

