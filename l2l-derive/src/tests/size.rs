//! How the expansion grows: lines per field by kind, and linearly with the number of fields.

use super::*;

/// A synthetic area of `n` fields, cycling through the kinds and nullability.
fn area_of(n: usize) -> TokenStream {
    let tys = [
        quote!(i64),
        quote!(String),
        quote!(Option<String>),
        quote!(bool),
        quote!(Option<f64>),
        quote!(Option<DateTime>),
        quote!(Date),
        quote!(Option<i32>),
        quote!(Decimal),
        quote!(Option<bool>),
    ];
    let fields = (0..n).map(|i| {
        let name = quote::format_ident!("field{}", i);
        let ty = &tys[i % tys.len()];
        quote!(pub #name: #ty)
    });
    quote! {
        pub struct Bench {
            #[l2l(id, read_only)]
            pub id: i64,
            #(#fields,)*
        }
    }
}

fn lines_of(n: usize) -> usize {
    pretty(quote!(path = "bench", scope = site), area_of(n))
        .lines()
        .count()
}

/// Lines added by ten fields of one type (and attributes), over an area with an id alone.
fn lines_per_field(attrs: TokenStream, ty: TokenStream) -> f64 {
    let area = |n: usize| {
        let fields = (0..n).map(|i| {
            let name = quote::format_ident!("field{}", i);
            quote!(#attrs pub #name: #ty)
        });
        let item = quote!(pub struct Bench { #[l2l(id, read_only)] pub id: i64, #(#fields,)* });
        pretty(quote!(path = "bench", scope = site), item)
            .lines()
            .count()
    };
    (area(10) - area(0)) as f64 / 10.0
}

#[test]
fn expansion_per_field_by_kind() {
    let cases = [
        ("i64", quote!(), quote!(i64)),
        ("Option<i64>", quote!(), quote!(Option<i64>)),
        ("String", quote!(), quote!(String)),
        ("Option<DateTime>", quote!(), quote!(Option<DateTime>)),
        ("bool", quote!(), quote!(bool)),
        ("Option<bool>", quote!(), quote!(Option<bool>)),
        (
            "read_only Option<DateTime>",
            quote!(#[l2l(read_only)]),
            quote!(Option<DateTime>),
        ),
        (
            "no_filter String",
            quote!(#[l2l(no_filter)]),
            quote!(String),
        ),
        (
            "json read_only",
            quote!(#[l2l(kind = "json", read_only)]),
            quote!(Vec<String>),
        ),
    ];
    for (name, attrs, ty) in cases {
        let per = lines_per_field(attrs, ty);
        println!("{name}: {per} lines per field");
        // The record's own decoder (a declaration, a match arm, an initializer and a key
        // per field, about 12 lines) is counted here; serde's derive, which it replaces,
        // was not.
        assert!(per <= 85.0, "{name}: {per} lines per field");
    }
}

#[test]
fn expansion_grows_linearly_with_fields() {
    let (l10, l20, l30) = (lines_of(10), lines_of(20), lines_of(30));
    let per_field = (l20 - l10) as f64 / 10.0;
    println!(
        "expanded lines: 10 fields {l10}, 20 fields {l20}, 30 fields {l30}; {per_field} per field"
    );
    // The fields cycle through ten types, so every block of ten adds the same code.
    assert_eq!(
        l30 - l20,
        l20 - l10,
        "linear: each ten fields add the same lines"
    );
    assert!(per_field < 80.0, "{per_field} lines per field");
}
