//! The XML envelope decoder never panics, whatever the body.
#![no_main]

use l2l_core::Format;
use l2l_core::envelope::decode;
use libfuzzer_sys::fuzz_target;

#[derive(l2l_core::__private::serde::Deserialize)]
#[serde(crate = "l2l_core::__private::serde")]
#[allow(dead_code)]
struct Site {
    id: i64,
    site: Option<i64>,
    description: Option<String>,
    created: Option<l2l_core::DateTime>,
    active: Option<bool>,
}

fuzz_target!(|body: &[u8]| {
    let _ = decode::<Site>(body, Format::Xml, &[]);
    let _ = decode::<serde_json::Value>(body, Format::Xml, &[]);
});
