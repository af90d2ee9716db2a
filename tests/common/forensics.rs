//! Looking for a patron's traces the way an attacker with the machine would: in the memory of
//! running processes and in every file changed since a moment, as ASCII and as UTF-16.
#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The byte patterns a string can take in memory: UTF-8/Latin-1, and UTF-16LE (JavaScript).
pub fn needles(text: &str) -> Vec<Vec<u8>> {
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    vec![text.as_bytes().to_vec(), utf16]
}

fn contains(haystack: &[u8], needles: &[Vec<u8>]) -> bool {
    needles.iter().any(|needle| memchr::memmem::find(haystack, needle).is_some())
}

/// What a scan read and where it found a needle.
#[derive(Debug, Default)]
pub struct Findings {
    pub places: Vec<String>,
    pub bytes: u64,
}

const PAGE: u64 = 4096;
/// In /proc/<pid>/pagemap, one u64 per page: bit 63 = in RAM, bit 62 = swapped out.
const PRESENT_OR_SWAPPED: u64 = 3 << 62;

/// Reads every page a process really has (in RAM or swapped) in its readable mappings. WebKit
/// reserves tens of GiB of address space per process that were never touched; those read as
/// zeros and are skipped. Libraries and fonts from /usr cannot hold patron data and are skipped.
pub fn scan_memory(pids: &[u32], needles: &[Vec<u8>]) -> Findings {
    let mut findings = Findings::default();
    for pid in pids {
        let Ok(maps) = std::fs::read_to_string(format!("/proc/{pid}/maps")) else { continue };
        let (Ok(mut mem), Ok(mut pagemap)) = (File::open(format!("/proc/{pid}/mem")), File::open(format!("/proc/{pid}/pagemap"))) else {
            continue;
        };
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        for line in maps.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(range), Some(perms)) = (fields.first(), fields.get(1)) else { continue };
            let path = fields.get(5).copied().unwrap_or("");
            if !perms.starts_with('r') || path.starts_with("/usr/") || path == "[vvar]" || path == "[vsyscall]" {
                continue;
            }
            let Some((start, end)) = range.split_once('-') else { continue };
            let (Ok(start), Ok(end)) = (u64::from_str_radix(start, 16), u64::from_str_radix(end, 16)) else { continue };
            for (run_start, run_end) in present_runs(&mut pagemap, start, end) {
                let mut bytes = vec![0u8; (run_end - run_start) as usize];
                if mem.seek(SeekFrom::Start(run_start)).is_err() || mem.read_exact(&mut bytes).is_err() {
                    continue;
                }
                findings.bytes += bytes.len() as u64;
                if contains(&bytes, needles) {
                    findings.places.push(format!("pid {pid} ({name}) {line}"));
                    break;
                }
            }
        }
    }
    findings
}

/// The address ranges of [start, end) whose pages exist, merged into runs (a string that
/// crosses two adjacent pages is found; one split by an absent page cannot exist).
fn present_runs(pagemap: &mut File, start: u64, end: u64) -> Vec<(u64, u64)> {
    let mut runs: Vec<(u64, u64)> = Vec::new();
    let mut page = start / PAGE;
    let last = end / PAGE;
    let mut entries = vec![0u8; 8 * 4096];
    while page < last {
        let count = ((last - page) as usize).min(entries.len() / 8);
        if pagemap.seek(SeekFrom::Start(page * 8)).is_err() || pagemap.read_exact(&mut entries[..count * 8]).is_err() {
            break;
        }
        for (i, entry) in entries[..count * 8].chunks_exact(8).enumerate() {
            let bits = u64::from_le_bytes(entry.try_into().unwrap_or_default());
            if bits & PRESENT_OR_SWAPPED == 0 {
                continue;
            }
            let address = (page + i as u64) * PAGE;
            match runs.last_mut() {
                Some(run) if run.1 == address => run.1 += PAGE,
                _ => runs.push((address, address + PAGE)),
            }
        }
        page += count as u64;
    }
    runs
}

/// Every regular file under `/` changed at or after `since`, except under `skip` (the build
/// folder) and the kernel's virtual file systems. RAM file systems (/dev/shm, /run) count.
pub fn scan_disk(since: SystemTime, needles: &[Vec<u8>], skip: &[PathBuf]) -> Findings {
    let mut findings = Findings::default();
    let since_secs = since.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let mut stack = vec![PathBuf::from("/")];
    let virtual_fs = ["/proc", "/sys", "/dev/pts", "/dev/mqueue", "/dev/hugepages"];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if virtual_fs.iter().any(|v| path == Path::new(v)) || skip.iter().any(|s| path.starts_with(s)) {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && (meta.mtime() >= since_secs - 1 || meta.ctime() >= since_secs - 1) {
                if meta.len() > 1 << 30 {
                    continue;
                }
                let Ok(bytes) = std::fs::read(&path) else { continue };
                findings.bytes += bytes.len() as u64;
                if contains(&bytes, needles) {
                    findings.places.push(path.display().to_string());
                }
            }
        }
    }
    findings
}

/// A random, unmistakable marker: nothing on a machine contains it by chance.
pub fn canary() -> String {
    let mut bytes = [0u8; 12];
    File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).expect("/dev/urandom");
    format!("canari{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}
