//! What is generated for which operations, and labels as doc aliases.

use super::*;

#[test]
fn operations_decide_what_is_generated() {
    let out = pretty(
        quote!(path = "w", ops(list)),
        quote!(
            pub struct W {
                pub a: i64,
                pub b: Option<String>,
            }
        ),
    );
    for absent in [
        "struct NewW",
        "struct WPatch",
        "fn get(",
        "fn create(",
        "fn update(",
        "fn delete(",
        "fn custom(",
    ] {
        assert!(!out.contains(absent), "{absent} should not be generated");
    }
    for present in [
        "struct WQuery",
        "struct WPartial",
        "pub fn query() -> WQuery",
        "enum WField",
    ] {
        assert!(out.contains(present), "{present} should be generated");
    }
    // Without `list` there is no query type and no partial record.
    let out = pretty(
        quote!(path = "w", ops(get, create)),
        quote!(
            pub struct W {
                #[l2l(id)]
                pub id: i64,
                #[l2l(write_only)]
                pub a: Option<i64>,
            }
        ),
    );
    for absent in [
        "struct WQuery",
        "struct WPartial",
        "fn query(",
        "struct WPatch",
    ] {
        assert!(!out.contains(absent), "{absent} should not be generated");
    }
    assert!(out.contains("pub struct NewW"));
    // A date without a Default: `NewW` derives none.
    let out = pretty(
        quote!(path = "w", ops(create, list)),
        quote!(
            pub struct W {
                pub day: Date,
            }
        ),
    );
    assert!(
        out.contains(
            "#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]\npub struct NewW"
        ),
        "{out}"
    );
}

#[test]
fn labels_become_aliases_rustdoc_accepts() {
    // B35: a label is an alias; the API property stays the field's name.
    let out = pretty(
        quote!(path = "w", ops(list, update)),
        quote! {
            pub struct W {
                #[l2l(id)]
                pub id: i64,
                #[l2l(label = "Area")]
                pub area: Option<i64>,
                #[l2l(label = "Operator's  Note")]
                pub note: String,
            }
        },
    );
    // Never an alias equal to the item's name (rustdoc refuses it): not on the variant `Area`.
    assert!(
        out.contains("/// The `area` property (labelled \"Area\" on L2L's screens).\n    Area,"),
        "{out}"
    );
    assert_eq!(out.matches("#[doc(alias = \"Area\")]").count(), 10, "{out}");
    // Quotes and runs of whitespace are left out of the alias, kept in the docs.
    assert!(out.contains("#[doc(alias = \"Operators Note\")]"), "{out}");
    assert!(out.contains("labelled \"Operator's  Note\""), "{out}");
    assert!(out.contains(".label(\"Operator's  Note\")"), "{out}");
}
