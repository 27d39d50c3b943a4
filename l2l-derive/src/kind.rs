//! Rust type -> field kind: a closed list of known types; anything else needs an explicit
//! `#[l2l(kind = "...")]` (classifying by guesswork is what makes other macros brittle).
//! The kinds themselves, and the lookups each allows, are `l2l-schema`'s.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{GenericArgument, PathArguments, Type};

/// The kind of an API property: `l2l_schema::FieldKind`, the one definition the runtime
/// uses too (its names, and which lookups each kind allows: `is_filterable`, `is_ordered`).
pub use l2l_schema::FieldKind as Kind;

/// What generated code writes for a kind.
pub trait KindTokens {
    /// The `FieldKind` variant, as a path under the runtime crate (`DateTime`).
    fn variant(self) -> TokenStream;
}

impl KindTokens for Kind {
    fn variant(self) -> TokenStream {
        let v = proc_macro2::Ident::new(self.variant_name(), proc_macro2::Span::call_site());
        quote!(#v)
    }
}

/// A type from the closed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// An integer type, by name (`i64`, `u32`, ...).
    Int(&'static str),
    Float,
    Decimal,
    String,
    Bool,
    Date,
    DateTime,
}

const INTS: [&str; 12] = [
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
];

impl Known {
    /// The kind of a known type.
    pub fn kind(self) -> Kind {
        match self {
            Known::Int(_) => Kind::Integer,
            Known::Float => Kind::Float,
            Known::Decimal => Kind::Decimal,
            Known::String => Kind::Text,
            Known::Bool => Kind::Bool,
            Known::Date => Kind::Date,
            Known::DateTime => Kind::DateTime,
        }
    }

    /// Whether the type has a `Default` (so `NewX` can derive one).
    pub fn has_default(self) -> bool {
        !matches!(self, Known::Date | Known::DateTime)
    }
}

/// What the macro reads off a field's type.
#[derive(Debug, Clone, Copy)]
pub struct TypeInfo<'a> {
    /// `Option<T>`.
    pub nullable: bool,
    /// `T` of `Option<T>`, or the type itself.
    pub inner: &'a Type,
    /// `inner`, when it is on the closed list.
    pub known: Option<Known>,
}

/// Reads a field's type.
pub fn classify(ty: &Type) -> TypeInfo<'_> {
    match option_inner(ty) {
        Some(inner) => TypeInfo {
            nullable: true,
            inner,
            known: known(inner),
        },
        None => TypeInfo {
            nullable: false,
            inner: ty,
            known: known(ty),
        },
    }
}

/// `T` when `ty` is `Option<T>` (also `std::option::Option<T>`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ungroup(ty) else {
        return None;
    };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// The type itself, without invisible groups that `macro_rules!` may wrap it in.
fn ungroup(mut ty: &Type) -> &Type {
    while let Type::Group(g) = ty {
        ty = &g.elem;
    }
    ty
}

fn known(ty: &Type) -> Option<Known> {
    let Type::Path(p) = ungroup(ty) else {
        return None;
    };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if !last.arguments.is_none() {
        return None;
    }
    let name = last.ident.to_string();
    if let Some(int) = INTS.iter().find(|i| **i == name) {
        return Some(Known::Int(int));
    }
    Some(match name.as_str() {
        "f32" | "f64" => Known::Float,
        "Decimal" => Known::Decimal,
        "String" => Known::String,
        "bool" => Known::Bool,
        "Date" => Known::Date,
        "DateTime" => Known::DateTime,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(ty: &str) -> (bool, Option<Kind>) {
        let ty: Type = syn::parse_str(ty).unwrap();
        let i = classify(&ty);
        (i.nullable, i.known.map(Known::kind))
    }

    #[test]
    fn closed_list() {
        assert_eq!(info("i64"), (false, Some(Kind::Integer)));
        assert_eq!(info("u8"), (false, Some(Kind::Integer)));
        assert_eq!(info("f32"), (false, Some(Kind::Float)));
        assert_eq!(info("rust_decimal::Decimal"), (false, Some(Kind::Decimal)));
        assert_eq!(info("String"), (false, Some(Kind::Text)));
        assert_eq!(info("std::string::String"), (false, Some(Kind::Text)));
        assert_eq!(info("bool"), (false, Some(Kind::Bool)));
        assert_eq!(info("l2l_areas::Date"), (false, Some(Kind::Date)));
        assert_eq!(info("DateTime"), (false, Some(Kind::DateTime)));
        assert_eq!(info("Option<i32>"), (true, Some(Kind::Integer)));
        assert_eq!(
            info("std::option::Option<DateTime>"),
            (true, Some(Kind::DateTime))
        );
    }

    #[test]
    fn everything_else_is_unknown() {
        assert_eq!(info("Vec<String>"), (false, None));
        assert_eq!(info("serde_json::Value"), (false, None));
        assert_eq!(info("Option<Option<i64>>"), (true, None));
        assert_eq!(info("&'static str"), (false, None));
        assert_eq!(info("Option<Vec<u8>>"), (true, None));
    }
}
