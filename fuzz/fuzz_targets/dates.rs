//! The date parsers never panic, and what they accept survives a round trip.
#![no_main]

use l2l_core::{Date, DateTime};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(d) = s.parse::<DateTime>() {
        assert_eq!(d.to_string().parse::<DateTime>().ok(), Some(d));
    }
    if let Ok(d) = s.parse::<Date>() {
        assert_eq!(d.to_string().parse::<Date>().ok(), Some(d));
    }
});
