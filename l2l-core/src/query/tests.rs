//! Rendering, validation and dynamic filters of [`Query`].

use super::*;
use crate::schema::{FieldKind, FieldSchema};

static FIELDS: [FieldSchema; 3] = [
    FieldSchema::new("id", FieldKind::Integer, false)
        .id()
        .read_only(),
    FieldSchema::new("code", FieldKind::Text, false),
    FieldSchema::new("description", FieldKind::Text, true),
];
static MACHINES: AreaSchema =
    AreaSchema::new("Machine", "machines", Scope::Site, &FIELDS).custom_properties();

#[test]
fn renders_in_a_stable_order_and_escapes_once() {
    let mut q = Query::for_site(&MACHINES, 1);
    q.filter("code", Lookup::Gte, &"WLD 1");
    q.is_null("description", false);
    q.order_by("code", true);
    q.order_by("id", false);
    q.fields(&["id", "code"]);
    q.limit(500);
    assert_eq!(
        q.to_query_string(),
        "site=1&code__gte=WLD%201&description__isnull=False&order_by=-code,id&fields=id,code&limit=500"
    );
    assert!(q.validate().is_ok());
    assert_eq!(q.effective_paging(), Paging::Offset);
}

#[test]
fn keyset_pages_order_by_id_and_keep_it_in_fields() {
    let mut q = Query::for_site(&MACHINES, 1);
    q.fields(&["code"]);
    assert_eq!(q.effective_paging(), Paging::Keyset);
    let at = PageAt {
        limit: Some(2),
        keyset: true,
        after_id: Some(7),
        ..PageAt::default()
    };
    let s = encode::pairs(q.pairs(at).iter().map(|(k, v)| (&**k, &**v)));
    assert_eq!(s, "site=1&id__gt=7&order_by=id&fields=code,id&limit=2");
}

#[test]
fn bad_limits_and_missing_site_are_errors_before_sending() {
    let mut q = Query::for_site(&MACHINES, 1);
    q.limit(2001);
    assert!(q.validate().unwrap_err().to_string().contains("1..=2000"));
    let q = Query::new(&MACHINES);
    assert!(
        q.validate()
            .unwrap_err()
            .to_string()
            .contains("scoped by site")
    );
}

#[test]
fn dynamic_filters_are_checked_against_the_schema() {
    let mut q = Query::for_site(&MACHINES, 1);
    q.filter_str("code__gte", "WLD").unwrap();
    q.filter_str("description__isnull", "True").unwrap();
    q.filter_str("custom__color", "red").unwrap();
    assert_eq!(
        q.to_query_string(),
        "site=1&code__gte=WLD&description__isnull=True&custom__color=red"
    );
    let e = q.filter_str("cod__gte", "x").unwrap_err().to_string();
    assert!(e.contains("did you mean `code`"), "{e}");
    let e = q.filter_str("code__gtee", "x").unwrap_err().to_string();
    assert!(e.contains("did you mean `__gte`"), "{e}");
    let e = q
        .filter_str("code__isnull", "True")
        .unwrap_err()
        .to_string();
    assert!(e.contains("does not allow `__isnull`"), "{e}");
}
