//! The expansion: one small module per generated item. Generated methods are one-line
//! calls into the non-generic runtime (`l2l_core::Query`, `Patch`, `FormWriter`, `crud`),
//! so the output grows linearly, and gently, with the number of fields.

mod crud;
mod de;
mod docs;
mod fallback;
mod field_enum;
mod partial;
mod query;
mod record;
mod schema;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, ItemStruct, LitStr, Path, Visibility};

use crate::ast::{Area, Field};
use crate::ctxt::Ctxt;
use crate::valid;

/// `#[record_area(args)] item`, with `proc_macro2` types so that tests can call it. `home`
/// is the name of the crate being compiled (`CARGO_CRATE_NAME`), when known: the area's
/// standard example names the area through it.
pub fn record_area(args: TokenStream, input: TokenStream, home: Option<&str>) -> TokenStream {
    let item: ItemStruct = match syn::parse2::<syn::Item>(input.clone()) {
        Ok(syn::Item::Struct(item)) => item,
        Ok(_) => {
            let err = syn::Error::new(
                Span::call_site(),
                "`#[record_area]` applies to a struct with named fields, one per API property",
            );
            return fallback::unchanged(input, err);
        }
        Err(err) => return fallback::unchanged(input, err),
    };
    let cx = Ctxt::new();
    let area = Area::from_syn(&cx, args, &item);
    valid::check(&cx, &area);
    match cx.check() {
        Ok(()) => expand(&Gen::new(&area, home)),
        Err(err) => fallback::expand(&item, err),
    }
}

fn expand(g: &Gen) -> TokenStream {
    let ops = &g.area.attrs.ops;
    let record = record::record(g);
    let de = g.area.keeps_unknown().then(|| de::deserialize(g));
    let field_enum = field_enum::field_enum(g);
    let query = ops.list.then(|| query::query(g));
    let partial = ops.list.then(|| partial::partial(g));
    let entry = crud::entry_points(g);
    let new = ops.create.then(|| crud::new_record(g));
    let patch = ops.update.then(|| crud::patch(g));
    let schema = schema::impls(g);
    quote! {
        #record
        #de
        #field_enum
        #query
        #partial
        #entry
        #new
        #patch
        #schema
    }
}

/// What every generator needs: the area and the names of the generated items.
pub struct Gen<'a> {
    pub area: &'a Area<'a>,
    /// The runtime crate path (`::l2l_areas`).
    pub krate: &'a Path,
    /// The one module generated code names: `::l2l_areas::__private`.
    pub rt: TokenStream,
    /// `X`.
    pub record: &'a Ident,
    /// `XField`.
    pub field_enum: Ident,
    /// `XQuery`.
    pub query: Ident,
    /// `NewX`.
    pub new: Ident,
    /// `XPatch`.
    pub patch: Ident,
    /// `XPartial`.
    pub partial: Ident,
    pub vis: &'a Visibility,
    /// The crate being compiled, by name, when known.
    pub home: Option<&'a str>,
}

impl<'a> Gen<'a> {
    fn new(area: &'a Area<'a>, home: Option<&'a str>) -> Gen<'a> {
        let record = area.ident;
        Gen {
            area,
            krate: &area.attrs.krate,
            rt: {
                let krate = &area.attrs.krate;
                quote!(#krate::__private)
            },
            record,
            field_enum: format_ident!("{}Field", record),
            query: format_ident!("{}Query", record),
            new: format_ident!("New{}", record),
            patch: format_ident!("{}Patch", record),
            partial: format_ident!("{}Partial", record),
            vis: area.vis,
            home,
        }
    }

    /// The URL segment.
    pub fn path(&self) -> String {
        self.area
            .attrs
            .path
            .as_ref()
            .map(LitStr::value)
            .unwrap_or_default()
    }

    /// `"::l2l_areas::__private::lenient"`, for `#[serde(deserialize_with = "...")]`.
    pub fn lenient_fn(&self) -> String {
        let serde = self.serde_crate();
        format!("{}lenient", serde.trim_end_matches("serde"))
    }

    /// `"::l2l_areas::__private::serde"`, for `#[serde(crate = "...")]`.
    pub fn serde_crate(&self) -> String {
        let mut s = String::new();
        if self.krate.leading_colon.is_some() {
            s.push_str("::");
        }
        for seg in &self.krate.segments {
            s.push_str(&seg.ident.to_string());
            s.push_str("::");
        }
        s.push_str("__private::serde");
        s
    }

    /// `<X as RecordArea>::SCHEMA`.
    pub fn schema(&self) -> TokenStream {
        let rt = &self.rt;
        let record = self.record;
        quote!(<#record as #rt::RecordArea>::SCHEMA)
    }
}

/// `#[serde(deserialize_with = "...lenient")]` for a field decoded tolerantly (a bool or a
/// decimal: see `Field::lenient`), when serde's derive decodes it.
pub fn lenient_attr(g: &Gen, f: &Field) -> TokenStream {
    if f.lenient() {
        let path = g.lenient_fn();
        quote!(#[serde(deserialize_with = #path)])
    } else {
        TokenStream::new()
    }
}
