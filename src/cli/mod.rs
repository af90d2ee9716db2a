//! The command-line verbs, as library functions that write to the streams they are given, so
//! tests drive them without spawning a process.

pub mod check;
pub mod demarches;
pub mod filters;
pub mod help;
pub mod pin;
