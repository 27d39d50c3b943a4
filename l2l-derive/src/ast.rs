//! A borrowed view of the annotated struct: the area's attributes and, per field, its API
//! name, kind, nullability and flags. Everything the expansion needs, read once.

use heck::ToUpperCamelCase;
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Fields, Ident, ItemStruct, Type, Visibility};

use crate::attr::{self, Container, FieldAttrs};
use crate::ctxt::Ctxt;
use crate::kind::{self, Kind, Known};

/// The area: the struct and its container attribute.
pub struct Area<'a> {
    pub item: &'a ItemStruct,
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub attrs: Container,
    pub fields: Vec<Field<'a>>,
    /// The field marked `#[l2l(extra)]`: the catch-all of undeclared properties.
    pub extra: Option<&'a syn::Field>,
    /// A `#[serde(...)]` on the struct or a field, which the generated decoder cannot honour.
    pub serde_attr: Option<&'a Attribute>,
}

/// One field of the struct.
pub struct Field<'a> {
    /// The field as written.
    pub ident: &'a Ident,
    /// The field's visibility.
    pub vis: &'a Visibility,
    /// The Rust name without `r#`.
    pub name: String,
    /// The API property.
    pub api_name: String,
    /// Other names the property is read under (`#[l2l(alias = "...")]`).
    pub aliases: Vec<String>,
    /// Where the API property is written: the `rename` literal, or the field's name.
    pub api_span: Span,
    /// The field's type.
    pub ty: &'a Type,
    /// `Option<T>`.
    pub nullable: bool,
    /// `T` of `Option<T>`, or the type.
    pub inner: &'a Type,
    /// The type, when on the closed list.
    pub known: Option<Known>,
    /// The kind: explicit, or from the type; `json` stands in when neither (an error).
    pub kind: Kind,
    pub attrs: FieldAttrs,
    /// The field's doc comments.
    pub docs: Vec<&'a Attribute>,
    /// The field's other attributes (not `#[l2l]`, not docs), re-emitted on the record.
    pub other_attrs: Vec<&'a Attribute>,
}

impl<'a> Area<'a> {
    /// Reads the struct. Mistakes go to `cx`; the view is still built as well as it can be.
    pub fn from_syn(cx: &Ctxt, args: TokenStream, item: &'a ItemStruct) -> Area<'a> {
        let attrs = Container::parse(cx, args);
        if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
            cx.error_spanned_by(&item.generics, "a record area cannot be generic");
        }
        for a in item.attrs.iter().filter(|a| attr::is_l2l(a)) {
            cx.error_spanned_by(
                a,
                "`#[l2l(...)]` goes on fields; the area's own settings go in `#[record_area(...)]`",
            );
        }
        let mut extra = None;
        let fields = match &item.fields {
            Fields::Named(named) => named
                .named
                .iter()
                .filter_map(|f| Field::from_syn(cx, f, &mut extra))
                .collect(),
            Fields::Unnamed(_) | Fields::Unit => {
                cx.error_spanned_by(
                    &item.ident,
                    "a record area is a struct with named fields, one per API property",
                );
                Vec::new()
            }
        };
        let serde_attr = item
            .attrs
            .iter()
            .chain(item.fields.iter().flat_map(|f| &f.attrs))
            .find(|a| a.path().is_ident("serde"));
        Area {
            item,
            ident: &item.ident,
            vis: &item.vis,
            attrs,
            fields,
            extra,
            serde_attr,
        }
    }

    /// Whether the record keeps the properties it does not declare (not `closed`).
    pub fn keeps_unknown(&self) -> bool {
        self.attrs.closed.is_none()
    }

    /// The fields L2L returns (all but `write_only`).
    pub fn readable(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| f.readable())
    }

    /// The fields a client sends (all but `read_only`).
    pub fn writable(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| f.writable())
    }

    /// The id field.
    pub fn id(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.attrs.id.is_some())
    }
}

impl<'a> Field<'a> {
    fn from_syn(
        cx: &Ctxt,
        field: &'a syn::Field,
        extra: &mut Option<&'a syn::Field>,
    ) -> Option<Field<'a>> {
        let ident = field.ident.as_ref()?;
        for a in &field.attrs {
            if a.path().is_ident("cfg") || a.path().is_ident("cfg_attr") {
                cx.error_spanned_by(a, "`#[cfg]` on a field of a record area is not supported: declare one area per configuration");
            }
        }
        let attrs = FieldAttrs::parse(cx, &field.attrs);
        if let Some(span) = attrs.extra {
            if attrs.others_than_extra() {
                cx.error_spanned_by(
                    &field.ident,
                    "`#[l2l(extra)]` marks the catch-all of undeclared properties: it takes no other key",
                );
            }
            if extra.is_some() {
                cx.error_at(span, "a record area has one `#[l2l(extra)]` field");
            }
            *extra = Some(field);
            return None;
        }
        let name = ident.unraw().to_string();
        let (api_name, api_span) = match &attrs.rename {
            Some(lit) => (lit.value(), lit.span()),
            None => (name.clone(), ident.span()),
        };
        let info = kind::classify(&field.ty);
        let kind = match (attrs.kind, info.known) {
            (Some((k, _)), _) => k,
            (None, Some(known)) => known.kind(),
            (None, None) => {
                cx.error_spanned_by(
                    info.inner,
                    format!(
                        "the kind of this type is not known: add `#[l2l(kind = \"...\")]` with one of {} \
                         (known types: integers, f32, f64, Decimal, String, bool, Date, DateTime, and Option of those)",
                        Kind::names().join(", ")
                    ),
                );
                Kind::Json
            }
        };
        Some(Field {
            ident,
            vis: &field.vis,
            name,
            api_name,
            aliases: attrs.aliases.iter().map(syn::LitStr::value).collect(),
            api_span,
            ty: &field.ty,
            nullable: info.nullable,
            inner: info.inner,
            known: info.known,
            kind,
            docs: field
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("doc"))
                .collect(),
            other_attrs: field
                .attrs
                .iter()
                .filter(|a| !a.path().is_ident("doc") && !attr::is_l2l(a))
                .collect(),
            attrs,
        })
    }

    /// Returned by L2L: not `write_only`.
    pub fn readable(&self) -> bool {
        self.attrs.write_only.is_none()
    }

    /// Sent by a client: not `read_only`.
    pub fn writable(&self) -> bool {
        self.attrs.read_only.is_none()
    }

    /// Whether filter methods are generated.
    pub fn filterable(&self) -> bool {
        self.readable() && !self.attrs.no_filter && self.kind.is_filterable()
    }

    /// Whether the ordering lookups are generated.
    pub fn ordered_lookups(&self) -> bool {
        self.filterable() && self.kind.is_ordered()
    }

    /// Whether L2L can order by this field.
    pub fn orderable(&self) -> bool {
        self.readable() && !self.attrs.no_order && self.kind != Kind::Json
    }

    /// Whether the field's type has a `Default` known to the macro.
    pub fn has_default(&self) -> bool {
        self.nullable || self.known.is_some_and(Known::has_default)
    }

    /// The field's span, for generated items that belong to it.
    pub fn span(&self) -> Span {
        self.ident.span()
    }

    /// The field enum variant: the Rust name in UpperCamelCase.
    pub fn variant(&self) -> Ident {
        let mut name = self.name.to_upper_camel_case();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert(0, 'F');
        }
        if name == "Self" {
            name.push('_');
        }
        Ident::new(&name, self.span())
    }

    /// A method name built from the field's name: `<field><suffix>` or `<prefix><field>`.
    pub fn method(&self, prefix: &str, suffix: &str) -> Ident {
        Ident::new(&format!("{prefix}{}{suffix}", self.name), self.span())
    }

    /// Whether values are decoded tolerantly: a `bool` (or `Option<bool>`) takes JSON
    /// booleans, `"T"`/`"F"`, `"True"`/`"False"`, `"true"`/`"false"`, `1`/`0`; a type whose
    /// path ends in `Decimal` (rust_decimal's, as `l2l_areas::Decimal` re-exports it) takes
    /// strings and numbers.
    pub fn lenient(&self) -> bool {
        matches!(self.known, Some(Known::Bool | Known::Decimal))
    }

    /// The span of the field's type.
    pub fn ty_span(&self) -> Span {
        self.ty.span()
    }
}
