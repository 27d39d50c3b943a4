//! Expansion tests through the `proc_macro2` entry point: insta snapshots of three
//! representative areas (pretty-printed with prettyplease), the errors of wrong input, and
//! the size of the expansion per field.
//!
//! The three areas are the ones `l2l-tests` compiles (`tests/src/areas/`), read from there
//! so that the snapshot and the compiled code cannot drift apart.

use proc_macro2::TokenStream;
use quote::quote;

/// The expansion in the crate the fixtures come from (`l2l-tests`).
fn record_area(args: TokenStream, item: TokenStream) -> TokenStream {
    crate::expand::record_area(args, item, Some("l2l_tests"))
}

mod docs;
mod generated;
mod size;

/// The `#[record_area]` struct of a fixture file: its attribute's arguments and the struct
/// without that attribute.
fn fixture(source: &str) -> (TokenStream, TokenStream) {
    let file = syn::parse_file(source).expect("fixture parses");
    for item in file.items {
        if let syn::Item::Struct(mut s) = item {
            let Some(pos) = s.attrs.iter().position(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|seg| seg.ident == "record_area")
            }) else {
                continue;
            };
            let attr = s.attrs.remove(pos);
            let args = match attr.meta {
                syn::Meta::List(list) => list.tokens,
                _ => TokenStream::new(),
            };
            return (args, quote!(#s));
        }
    }
    panic!("no #[record_area] struct in fixture");
}

/// The expansion, pretty-printed.
fn pretty(args: TokenStream, item: TokenStream) -> String {
    let out = record_area(args, item);
    let file: syn::File =
        syn::parse2(out.clone()).unwrap_or_else(|e| panic!("expansion parses: {e}\n{out}"));
    prettyplease::unparse(&file)
}

/// The messages of the `compile_error!`s in an expansion.
fn errors(args: TokenStream, item: TokenStream) -> Vec<String> {
    let out = record_area(args, item);
    let file: syn::File = syn::parse2(out).expect("expansion parses");
    file.items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Macro(m)
                if m.mac.path.is_ident("compile_error")
                    || m.mac
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "compile_error") =>
            {
                let lit: syn::LitStr = m.mac.parse_body().expect("a message");
                Some(lit.value())
            }
            _ => None,
        })
        .collect()
}

macro_rules! snapshot_fixture {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            let source = include_str!(concat!("../../../tests/src/areas/", $file));
            let (args, item) = fixture(source);
            let expanded = pretty(args, item);
            insta::assert_snapshot!(expanded);
        }
    };
}

// B35: labels become doc aliases; API property names stay as declared (see the snapshots).
snapshot_fixture!(all_kinds, "all_kinds.rs");
snapshot_fixture!(mostly_option, "mostly_option.rs");
snapshot_fixture!(custom_subset, "custom_subset.rs");

#[test]
fn errors_are_all_reported_with_suggestions() {
    let errs = errors(
        quote!(path = "widgets", scop = site, max_limt = 10),
        quote! {
            pub struct Widget {
                #[l2l(id, read_onyl)]
                pub id: i64,
                #[l2l(no_filtr, kind = "txt")]
                pub code: String,
                pub tags: Vec<String>,
            }
        },
    );
    assert_eq!(
        errs,
        [
            "unknown key `scop` in `#[record_area(...)]`; did you mean `scope`?",
            "unknown key `max_limt` in `#[record_area(...)]`; did you mean `max_limit`?",
            "unknown key `read_onyl` in `#[l2l(...)]`; did you mean `read_only`?",
            "unknown key `no_filtr` in `#[l2l(...)]`; did you mean `no_filter`?",
            "unknown kind `txt`; did you mean `text`?",
            "the kind of this type is not known: add `#[l2l(kind = \"...\")]` with one of integer, float, decimal, text, bool, date, datetime, json (known types: integers, f32, f64, Decimal, String, bool, Date, DateTime, and Option of those)",
        ]
    );
}

#[test]
fn wrong_input_still_emits_the_struct_without_helper_attributes() {
    let out = record_area(
        quote!(path = "widgets"),
        quote! {
            #[derive(Debug)]
            pub struct Widget {
                #[l2l(id, bogus)]
                pub id: i64,
            }
        },
    );
    let file: syn::File = syn::parse2(out).unwrap();
    let s = file
        .items
        .iter()
        .find_map(|i| match i {
            syn::Item::Struct(s) => Some(s),
            _ => None,
        })
        .expect("the struct is emitted");
    assert_eq!(s.ident, "Widget");
    assert!(
        s.fields.iter().all(|f| f.attrs.is_empty()),
        "#[l2l] stripped"
    );
    assert_eq!(
        file.items.len(),
        2,
        "one compile_error! and the struct, nothing else"
    );
}

#[test]
fn semantic_checks() {
    let errs = errors(
        quote!(
            path = "widgets",
            custom_properties,
            ops(get, list, frobnicate)
        ),
        quote! {
            pub struct Widget {
                pub code: String,
                #[l2l(rename = "code")]
                pub code2: String,
                #[l2l(read_only, write_only)]
                pub both: Option<i64>,
            }
        },
    );
    assert_eq!(
        errs,
        [
            "unknown operation `frobnicate`; expected one of: get, list, create, update, delete",
            "custom-property filters need the site in the request: add `scope = site`",
            "`both` cannot be both `read_only` (returned, never sent) and `write_only` (sent, never returned)",
            "duplicate API property `code`: fields `code` and `code2` both map to it",
            "`get` needs the record's id: mark the id field `#[l2l(id)]`, or leave it out of `ops(...)`",
        ]
    );
}

#[test]
fn missing_path_and_misplaced_keys() {
    let errs = errors(
        quote!(read_only, operations(get)),
        quote! {
            pub struct Widget {
                #[l2l(id, pk, path = "x")]
                pub id: i64,
            }
        },
    );
    assert_eq!(
        errs,
        [
            "unknown key `read_only` in `#[record_area(...)]`; `read_only` belongs in `#[l2l(...)]`",
            "unknown key `operations` in `#[record_area(...)]`; did you mean `ops`?",
            "unknown key `pk` in `#[l2l(...)]`; did you mean `id`?",
            "unknown key `path` in `#[l2l(...)]`; `path` belongs in `#[record_area(...)]`",
            "missing the area's URL segment: `#[record_area(path = \"...\")]`, for example `path = \"machines\"`",
        ]
    );
}

#[test]
fn not_a_struct() {
    let errs = errors(
        quote!(path = "x"),
        quote!(
            pub enum E {
                A,
            }
        ),
    );
    assert_eq!(
        errs,
        ["`#[record_area]` applies to a struct with named fields, one per API property"]
    );
}

#[test]
fn patch_setter_names_that_would_clash_are_refused() {
    let errs = errors(
        quote!(path = "widgets", ops(list, update)),
        quote! {
            pub struct Widget {
                #[l2l(id)]
                pub id: i64,
                pub default: String,
                pub note: Option<String>,
                pub clear_note: String,
            }
        },
    );
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs[0].starts_with("a field named `default` would make the patch setter `default()`"));
    assert!(errs[1].starts_with(
        "fields `note` and `clear_note` would both make the patch setter `clear_note()`"
    ));
}

#[test]
fn malformed_attributes() {
    let errs = errors(
        quote!(
            path = "widgets",
            path = "again",
            scope = sites,
            ops(),
            custom_properties = true
        ),
        quote! {
            pub struct Widget<T> {
                #[l2l]
                pub a: T,
                #[l2l(id = true, rename = "has space", kind = "integer")]
                pub b: String,
                #[cfg(test)]
                pub c: i64,
            }
        },
    );
    assert_eq!(
        errs,
        [
            "duplicate `path` in `#[record_area(...)]`",
            "unknown scope `sites`: expected `site` or `none`; did you mean `site`?",
            "`ops()` lists no operation: name at least one of get, list, create, update, delete, or leave `ops` out for all five",
            "`custom_properties` takes no value: write just `custom_properties`",
            "a record area cannot be generic",
            "expected `#[l2l(...)]`, for example `#[l2l(read_only)]`",
            "the kind of this type is not known: add `#[l2l(kind = \"...\")]` with one of integer, float, decimal, text, bool, date, datetime, json (known types: integers, f32, f64, Decimal, String, bool, Date, DateTime, and Option of those)",
            "`id` takes no value: write just `id`",
            "`#[cfg]` on a field of a record area is not supported: declare one area per configuration",
            "`has space` is no API property: expected letters, digits and single `_` (a `__` would read as a lookup such as `__gte`)",
            "`b` has a type of kind `text`; `kind = \"integer\"` does not fit it (`kind` is for types the macro does not know)",
        ]
    );
}

#[test]
fn id_and_name_rules() {
    let errs = errors(
        quote!(path = "/widgets/", ops(get, delete, get)),
        quote! {
            pub struct Widget {
                #[l2l(id)]
                pub code: String,
                #[l2l(id, write_only)]
                pub other: i64,
                pub foo_bar: i64,
                #[l2l(rename = "foobar2")]
                pub foo__bar: i64,
            }
        },
    );
    assert_eq!(
        errs,
        [
            "`get` is listed twice in `ops(...)`",
            "`/widgets/` is no record area path: expected the URL segment alone, such as \"machines\" (letters, digits, `_`, `-`, no leading or trailing `/`)",
            "the id is returned with every record: it cannot be `write_only`",
            "fields `foo_bar` and `foo__bar` would both be the field enum variant `FooBar`: rename one (keep the property with `#[l2l(rename = \"...\")]`)",
            "a second `id`: `code` is already the id",
            "the id is an integer (L2L ids are numbers), not text",
        ]
    );
}

#[test]
fn tuple_structs_and_scopes_without_list() {
    let errs = errors(
        quote!(path = "w"),
        quote!(
            pub struct W(i64);
        ),
    );
    assert_eq!(
        errs,
        ["a record area is a struct with named fields, one per API property"]
    );
    let errs = errors(
        quote!(path = "w", scope = site, ops(create)),
        quote!(
            pub struct W {
                pub a: i64,
            }
        ),
    );
    assert_eq!(
        errs,
        ["`scope = site` sets the site of list queries, but `ops(...)` has no `list`"]
    );
}

#[test]
fn crate_path_as_string_or_path() {
    for args in [
        quote!(path = "w", crate = "my::rt", ops(list)),
        quote!(path = "w", crate = my::rt, ops(list)),
    ] {
        let out = pretty(
            args,
            quote!(
                pub struct W {
                    pub a: i64,
                }
            ),
        );
        assert!(
            out.contains("#[serde(crate = \"my::rt::__private::serde\")]"),
            "{out}"
        );
        assert!(
            out.contains("impl my::rt::__private::RecordArea for W"),
            "{out}"
        );
        assert!(!out.contains("l2l_areas"), "{out}");
    }
}
