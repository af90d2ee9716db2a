//! The advisor's PIN: checked against an argon2id hash, behind a lockout that grows with repeated failures.

use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Wrong PINs in a row before entry is locked.
pub const ATTEMPTS: u8 = 5;
/// How long each lockout lasts: the first, the second, then every later one.
pub const LOCKOUTS: [Duration; 3] = [Duration::from_secs(60), Duration::from_secs(5 * 60), Duration::from_secs(15 * 60)];
pub const MIN_DIGITS: usize = 4;
/// Largest argon2 memory cost accepted from a configuration, in KiB: a check must not take the
/// session's memory or freeze the pad.
pub const MAX_MEMORY_KIB: u32 = 256 * 1024;
pub const MAX_PASSES: u32 = 16;
pub const MAX_DIGITS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("this looks like a plain PIN: store its hash instead, made with `guichet pin hash` (expected \"$argon2id$…\")")]
    PlainPin,
    #[error("not an argon2id hash: expected the \"$argon2id$…\" line `guichet pin hash` prints")]
    NotArgon2id,
    #[error("the hash's cost is too high: expected at most m={MAX_MEMORY_KIB}, t={MAX_PASSES}, p=1 to 8 (`guichet pin hash` makes a suitable one)")]
    TooCostly,
    #[error("a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits (the on-screen pad has digits only)")]
    BadPin,
    #[error("could not compute the hash: {0}")]
    Hash(String),
}

/// A validated argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinHash(String);

impl PinHash {
    /// Accepts an argon2id PHC string only; a value that looks like the PIN itself is refused
    /// with its own error, so staff learn why rather than just "invalid".
    pub fn parse(text: &str) -> Result<PinHash, PinError> {
        let text = text.trim();
        if !text.is_empty() && text.len() <= 64 && !text.starts_with('$') {
            return Err(PinError::PlainPin);
        }
        let parsed = PasswordHash::new(text).map_err(|_| PinError::NotArgon2id)?;
        if parsed.algorithm != argon2::Algorithm::Argon2id.ident() || parsed.hash.is_none() || parsed.salt.is_none() {
            return Err(PinError::NotArgon2id);
        }
        // The parameters must be ones this build accepts, or every later check would fail.
        let params = argon2::Params::try_from(&parsed).map_err(|_| PinError::NotArgon2id)?;
        if params.m_cost() > MAX_MEMORY_KIB || params.t_cost() > MAX_PASSES || params.p_cost() > 8 {
            return Err(PinError::TooCostly);
        }
        Ok(PinHash(text.to_string()))
    }

    /// Hashes a PIN with a fresh random salt (argon2id, the crate's default parameters).
    pub fn create(pin: &str) -> Result<PinHash, PinError> {
        if !well_formed(pin) {
            return Err(PinError::BadPin);
        }
        let mut salt_bytes = [0u8; 16];
        getrandom(&mut salt_bytes).map_err(|e| PinError::Hash(e.to_string()))?;
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| PinError::Hash(e.to_string()))?;
        let hash = Argon2::default().hash_password(pin.as_bytes(), &salt).map_err(|e| PinError::Hash(e.to_string()))?;
        Ok(PinHash(hash.to_string()))
    }

    /// True when `pin` is the one this hash was made from. Never panics on odd input.
    pub fn verify(&self, pin: &str) -> bool {
        if !well_formed(pin) {
            return false;
        }
        PasswordHash::new(&self.0).is_ok_and(|parsed| Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn well_formed(pin: &str) -> bool {
    (MIN_DIGITS..=MAX_DIGITS).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Random bytes from the kernel, for salts.
fn getrandom(buffer: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(buffer)
}

/// The digits typed on the pad, on their way to the check: wiped when dropped, and hidden from
/// `Debug` so that no log line or panic message can ever show them.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PinDigits(zeroize::Zeroizing<String>);

impl PinDigits {
    pub fn new(digits: &str) -> PinDigits {
        PinDigits(zeroize::Zeroizing::new(digits.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PinDigits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinDigits(hidden)")
    }
}

/// What an attempt at the pad gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Accepted,
    /// Wrong; this many tries are left before the lockout.
    Wrong { left: u8 },
    /// Wrong, and the pad is now locked until this instant.
    LockedNow { until: Instant },
    /// The pad was already locked: the PIN was not even checked.
    Locked { until: Instant },
}

/// The lockout as it stands, handed from one session process to the next through the
/// supervisor: without it, ending a session would give the next one a fresh pad.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateCarry {
    pub failures: u8,
    pub lockouts: u8,
    /// Seconds of lockout left (rounded up), 0 when open.
    pub locked_for_s: u64,
}

impl GateCarry {
    /// The same lockout `elapsed` later.
    pub fn aged(self, elapsed: Duration) -> GateCarry {
        GateCarry { locked_for_s: self.locked_for_s.saturating_sub(elapsed.as_secs()), ..self }
    }
}

/// The lockout, as a state machine on the caller's clock: no clock or hashing of its own.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    failures: u8,
    /// Lockouts so far since the last right PIN (picks the next delay).
    lockouts: usize,
    locked_until: Option<Instant>,
}

impl Gate {
    /// A gate that goes on from where another session's stood.
    pub fn resume(carry: GateCarry, now: Instant) -> Gate {
        Gate {
            failures: carry.failures.min(ATTEMPTS - 1),
            lockouts: usize::from(carry.lockouts),
            locked_until: (carry.locked_for_s > 0).then(|| now + Duration::from_secs(carry.locked_for_s)),
        }
    }

    pub fn carry(&self, now: Instant) -> GateCarry {
        let left = self.locked_until(now).map_or(Duration::ZERO, |until| until - now);
        GateCarry {
            failures: self.failures,
            lockouts: u8::try_from(self.lockouts).unwrap_or(u8::MAX),
            locked_for_s: left.as_secs() + u64::from(left.subsec_nanos() > 0),
        }
    }

    /// When the pad opens again, if it is locked at `now`.
    pub fn locked_until(&self, now: Instant) -> Option<Instant> {
        self.locked_until.filter(|until| *until > now)
    }

    /// When the caller should look again (the lockout's end).
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.locked_until
    }

    /// One try: `check` is called (and the hash computed) only when the pad is not locked.
    pub fn attempt(&mut self, check: impl FnOnce() -> bool, now: Instant) -> Attempt {
        if let Some(until) = self.locked_until(now) {
            return Attempt::Locked { until };
        }
        self.locked_until = None;
        if check() {
            *self = Gate::default();
            crate::log::event("assisted", format_args!("advisor PIN accepted"));
            return Attempt::Accepted;
        }
        self.failures += 1;
        if self.failures < ATTEMPTS {
            crate::log::event("assisted", format_args!("wrong advisor PIN ({} of {ATTEMPTS})", self.failures));
            return Attempt::Wrong { left: ATTEMPTS - self.failures };
        }
        let delay = LOCKOUTS[self.lockouts.min(LOCKOUTS.len() - 1)];
        self.failures = 0;
        self.lockouts += 1;
        let until = now + delay;
        self.locked_until = Some(until);
        crate::log::event("assisted", format_args!("advisor PIN locked for {} s after {ATTEMPTS} wrong PINs (lockout {})", delay.as_secs(), self.lockouts));
        Attempt::LockedNow { until }
    }
}

