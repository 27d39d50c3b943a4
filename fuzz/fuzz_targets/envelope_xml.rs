//! The XML envelope decoder never panics, whatever the body.
#![no_main]

#[path = "record.rs"]
mod record;

libfuzzer_sys::fuzz_target!(|body: &[u8]| record::decode_both(body, l2l_core::Format::Xml));
