//! The query string of every generated filter, for every field and lookup of the three
//! representative areas, as insta snapshots; and a check that the typed methods cover
//! exactly the lookups each area's schema allows.

use std::collections::BTreeSet;

use l2l_areas::{AreaSchema, Date, DateTime, Decimal, Lookup, RecordArea};
use l2l_tests::areas::{Asset, AssetField, Gadget, GadgetField, Shift, ShiftField};

/// `method => query string`, one per line.
macro_rules! render {
    ($base:expr; $($call:ident($($arg:expr),*)),* $(,)?) => {{
        let mut out = String::new();
        $(
            let q = $base.$call($($arg),*);
            out.push_str(&format!("{} => {}\n", stringify!($call($($arg),*)), q.to_query_string()));
        )*
        out
    }};
}

fn date() -> Date {
    Date::new(2016, 5, 5).unwrap()
}

fn datetime() -> DateTime {
    DateTime::new(2016, 5, 5, 22, 39, 47).unwrap()
}

fn decimal() -> Decimal {
    "3903.00".parse().unwrap()
}

/// The `(field, lookup)` pairs a rendered block of filters used, read back from the query
/// strings (`code__gte=..` is `(code, gte)`, `code=..` is `(code, eq)`).
fn used(rendered: &str, skip: &[&str]) -> BTreeSet<(String, String)> {
    rendered
        .lines()
        .filter_map(|line| line.split(" => ").nth(1))
        .flat_map(|qs| qs.split('&'))
        .filter_map(|pair| pair.split_once('='))
        .map(|(key, _)| key)
        .filter(|key| !skip.contains(key))
        .map(|key| match key.split_once("__") {
            Some((f, l)) => (f.to_owned(), l.to_owned()),
            None => (key.to_owned(), "eq".to_owned()),
        })
        .collect()
}

/// What the schema says the area's fields allow.
fn allowed(schema: &AreaSchema) -> BTreeSet<(String, String)> {
    schema
        .fields
        .iter()
        .flat_map(|f| {
            f.lookups()
                .into_iter()
                .map(move |l: Lookup| (f.api_name.to_owned(), l.name().to_owned()))
        })
        .collect()
}

#[test]
fn gadget_every_field_and_lookup() {
    // B12 (eq), B13 (lt, lte, gt, gte, on text too), B14 (isnull: Gadget has no Option field).
    let filters = render!(Gadget::query(1);
        id_eq(7), id_lt(7), id_lte(7), id_gt(7), id_gte(7),
        site_eq(2), site_lt(2), site_lte(2), site_gt(2), site_gte(2),
        count_eq(3), count_lt(3), count_lte(3), count_gt(3), count_gte(3),
        serial_number_eq(9_u64), serial_number_lt(9_u64), serial_number_lte(9_u64), serial_number_gt(9_u64), serial_number_gte(9_u64),
        weight_eq(2.5), weight_lt(2.5), weight_lte(2.5), weight_gt(2.5), weight_gte(2.5),
        cost_eq(decimal()), cost_lt(decimal()), cost_lte(decimal()), cost_gt(decimal()), cost_gte(decimal()),
        // B03: query values are URL-escaped once (`Line 33` goes out as `Line%2033`).
        code_eq("Line 33"), code_lt("Line 33"), code_lte("Line 33"), code_gt("Line 33"), code_gte("Line 33"),
        active_eq(true),
        installed_eq(date()), installed_lt(date()), installed_lte(date()), installed_gt(date()), installed_gte(date()),
        lastupdated_eq(datetime()), lastupdated_lt(datetime()), lastupdated_lte(datetime()), lastupdated_gt(datetime()), lastupdated_gte(datetime()),
        lastupdated_gte(date()),
        color_eq("red"), color_lt("red"), color_lte("red"), color_gt("red"), color_gte("red"),
        scrap_eq(4), scrap_lt(4), scrap_lte(4), scrap_gt(4), scrap_gte(4),
    );
    let mut expected = allowed(Gadget::SCHEMA);
    expected.remove(&("site".to_owned(), "eq".to_owned()));
    assert_eq!(
        used(&filters, &["site"]),
        expected,
        "the typed filters are exactly the schema's lookups"
    );
    insta::assert_snapshot!(filters);
}

#[test]
fn gadget_controls() {
    // B20 (order_by), B21 (fields).
    let controls = render!(Gadget::query(1);
        order_by(GadgetField::Code),
        order_by_desc(GadgetField::Lastupdated),
        fields([GadgetField::Id, GadgetField::SerialNumber, GadgetField::Tags]),
        limit(500),
        offset(1000),
        keyset(),
    );
    let chained = Gadget::query(3)
        .code_gte("WLD")
        .active_eq(false)
        .order_by_desc(GadgetField::Code)
        .order_by(GadgetField::Id)
        .limit(20)
        .fields([GadgetField::Id, GadgetField::Code])
        .to_query_string();
    insta::assert_snapshot!(format!("{controls}chained => {chained}\n"));
}

#[test]
fn shift_every_field_and_lookup() {
    // B12, B13, B14: most fields are Option, so most have `_isnull`.
    let filters = render!(Shift::query();
        id_eq(7), id_lt(7), id_lte(7), id_gt(7), id_gte(7),
        code_eq("A"), code_lt("A"), code_lte("A"), code_gt("A"), code_gte("A"),
        description_eq("Night shift"), description_lt("N"), description_lte("N"), description_gt("N"), description_gte("N"), description_isnull(true),
        start_eq(datetime()), start_lt(datetime()), start_lte(datetime()), start_gt(datetime()), start_gte(datetime()), start_isnull(false),
        day_eq(date()), day_lt(date()), day_lte(date()), day_gt(date()), day_gte(date()), day_isnull(true),
        crew_size_eq(12_u32), crew_size_lt(12_u32), crew_size_lte(12_u32), crew_size_gt(12_u32), crew_size_gte(12_u32), crew_size_isnull(false),
        rate_eq(17.25), rate_lt(17.25), rate_lte(17.25), rate_gt(17.25), rate_gte(17.25), rate_isnull(true),
        budget_eq(decimal()), budget_lt(decimal()), budget_lte(decimal()), budget_gt(decimal()), budget_gte(decimal()), budget_isnull(false),
        overtime_eq(true), overtime_isnull(true),
        valuestream_eq(5), valuestream_lt(5), valuestream_lte(5), valuestream_gt(5), valuestream_gte(5), valuestream_isnull(false),
        created_eq(datetime()), created_lt(datetime()), created_lte(datetime()), created_gt(datetime()), created_gte(datetime()), created_isnull(true),
    );
    assert_eq!(
        used(&filters, &[]),
        allowed(Shift::SCHEMA),
        "the typed filters are exactly the schema's lookups"
    );
    let controls = render!(Shift::query();
        order_by(ShiftField::Start),
        order_by_desc(ShiftField::CrewSize),
        fields([ShiftField::Code, ShiftField::Valuestream]),
    );
    insta::assert_snapshot!(format!("{filters}{controls}"));
}

#[test]
fn asset_every_field_and_lookup() {
    // B12, B13, B14, and B24: custom properties as `custom__<name>`.
    let filters = render!(Asset::query(1);
        id_eq(7), id_lt(7), id_lte(7), id_gt(7), id_gte(7),
        site_eq(2), site_lt(2), site_lte(2), site_gt(2), site_gte(2),
        code_eq("Line 33"), code_lt("L"), code_lte("L"), code_gt("L"), code_gte("L"),
        dispatch_type_eq(3), dispatch_type_lt(3), dispatch_type_lte(3), dispatch_type_gt(3), dispatch_type_gte(3), dispatch_type_isnull(true),
        active_eq(false),
        lastupdated_eq(datetime()), lastupdated_lt(datetime()), lastupdated_lte(datetime()), lastupdated_gt(datetime()), lastupdated_gte(datetime()), lastupdated_isnull(false),
    );
    let mut expected = allowed(Asset::SCHEMA);
    expected.remove(&("site".to_owned(), "eq".to_owned()));
    assert_eq!(
        used(&filters, &["site"]),
        expected,
        "the typed filters are exactly the schema's lookups"
    );
    let custom = render!(Asset::query(1);
        custom("color", "dark red"),
        custom("weight", 12),
    );
    let controls = render!(Asset::query(1);
        order_by(AssetField::DispatchType),
        fields([AssetField::Id, AssetField::DispatchType]),
    );
    insta::assert_snapshot!(format!("{filters}{custom}{controls}"));
}
