//! `XQuery<R = X>`: typed filters per field, then ordering, field selection, paging and the
//! terminals. Each method is one line into `l2l_core::Query`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::Gen;
use super::docs::{alias, doc};
use crate::ast::Field;

/// The ordering lookups: method suffix, `Lookup` variant, words for the docs, query suffix.
const ORDERED: [(&str, &str, &str, &str); 4] = [
    ("_lt", "Lt", "is less than", "__lt"),
    ("_lte", "Lte", "is less than or equal to", "__lte"),
    ("_gt", "Gt", "is greater than", "__gt"),
    ("_gte", "Gte", "is greater than or equal to", "__gte"),
];

/// The query type and its methods.
pub fn query(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let vis = g.vis;
    let record = g.record;
    let name = &g.query;
    let field_enum = &g.field_enum;
    let partial = &g.partial;
    let filters: Vec<_> = g
        .area
        .fields
        .iter()
        .filter(|f| f.filterable())
        .map(|f| filters(g, f))
        .collect();
    // The helper only when a filter calls it, so that no dead code is generated.
    let filter = (!filters.is_empty()).then(|| {
        quote! {
            #[doc(hidden)]
            fn __filter(mut self, field: &'static str, lookup: #krate::Lookup, value: &dyn #krate::QueryValue) -> Self {
                self.query.filter(field, lookup, value);
                self
            }
        }
    });
    let custom = g.area.attrs.custom_properties.map(|_| {
        quote! {
            /// Only records whose custom property `name` equals `value`:
            /// `custom__<name>=value` (the request names the site).
            pub fn custom(mut self, name: &str, value: impl #krate::QueryValue) -> Self {
                self.query.custom(name, &value);
                self
            }
        }
    });
    let struct_doc = doc(format!(
        "A list query of [`{record}`] records: typed filters, ordering, field selection and paging, built by [`{record}::query`]."
    ));
    let r_doc = doc(format!(
        "`R` is what each record decodes into: [`{record}`], or [`{partial}`] after [`{name}::fields`]."
    ));
    let fields_doc = doc(format!(
        "Returns only these fields (`fields=a,b`): records then decode as [`{partial}`], every field an `Option`."
    ));
    let must_use =
        "a query sends nothing until a terminal (`page`, `all`, `stream`, `first`) is called";
    quote! {
        #struct_doc
        ///
        #r_doc
        #[must_use = #must_use]
        #vis struct #name<R = #record> {
            query: #krate::Query,
            record: ::core::marker::PhantomData<fn() -> R>,
        }

        impl<R> ::core::clone::Clone for #name<R> {
            fn clone(&self) -> Self {
                Self { query: self.query.clone(), record: ::core::marker::PhantomData }
            }
        }

        impl<R> ::core::fmt::Debug for #name<R> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!(#name)).field(&self.query).finish()
            }
        }

        impl<R: #krate::Record> #name<R> {
            #[doc(hidden)]
            fn __from_query(query: #krate::Query) -> Self {
                Self { query, record: ::core::marker::PhantomData }
            }

            #filter

            #(#filters)*

            /// Orders by `field`, ascending (`order_by=field`); call again to order by more fields.
            pub fn order_by(mut self, field: #field_enum) -> Self {
                self.query.order_by(field.api_name(), false);
                self
            }

            /// Orders by `field`, descending (`order_by=-field`); call again to order by more fields.
            pub fn order_by_desc(mut self, field: #field_enum) -> Self {
                self.query.order_by(field.api_name(), true);
                self
            }

            #fields_doc
            pub fn fields<const N: usize>(self, fields: [#field_enum; N]) -> #name<#partial> {
                let mut query = self.query;
                query.fields(&fields.map(#field_enum::api_name));
                #name::__from_query(query)
            }

            /// The page size (`limit`); above the area's maximum the query fails before sending.
            pub fn limit(mut self, limit: u32) -> Self {
                self.query.limit(limit);
                self
            }

            /// The offset of the first record (`offset`, 0 by default).
            pub fn offset(mut self, offset: u64) -> Self {
                self.query.offset(offset);
                self
            }

            /// Walks the pages by id (`order_by=id`, `id__gt=<last>`), which never skips nor
            /// repeats a record when the data changes underneath.
            pub fn keyset(mut self) -> Self {
                self.query.paging(#krate::Paging::Keyset);
                self
            }

            /// How `all` and `stream` walk the pages.
            pub fn paging(mut self, paging: #krate::Paging) -> Self {
                self.query.paging(paging);
                self
            }

            /// How many pages `stream` and `all` keep in flight with offset paging (1 by
            /// default: the next page is fetched while this one is read).
            pub fn prefetch(mut self, pages: usize) -> Self {
                self.query.prefetch(pages);
                self
            }

            /// How many id ranges a keyset `stream` or `all` reads at once (by default as many
            /// as the client's limiter allows); `parallel(1)` reads in id order.
            pub fn parallel(mut self, ranges: usize) -> Self {
                self.query.parallel(ranges);
                self
            }

            #custom

            /// Sends the query once and returns that page.
            pub async fn page(&self, client: &#krate::Client) -> ::core::result::Result<#krate::Page<R>, #krate::Error> {
                self.query.page(client).await
            }

            /// Every matching record, page after page.
            pub async fn all(self, client: &#krate::Client) -> ::core::result::Result<::std::vec::Vec<R>, #krate::Error> {
                self.query.all(client).await
            }

            /// Every matching record as a stream, fetching pages as it is read.
            pub fn stream(self, client: &#krate::Client) -> #krate::Records<R> {
                self.query.stream(client)
            }

            /// The first matching record, if any.
            pub async fn first(self, client: &#krate::Client) -> ::core::result::Result<::core::option::Option<R>, #krate::Error> {
                self.query.first(client).await
            }

            /// The query string the first request sends: a dry run.
            pub fn to_query_string(&self) -> ::std::string::String {
                self.query.to_query_string()
            }

            /// The untyped query, for dynamic code.
            pub fn into_query(self) -> #krate::Query {
                self.query
            }
        }
    }
}

/// The filter methods of one field.
fn filters(g: &Gen, f: &Field) -> TokenStream {
    let krate = &g.rt;
    let api = &f.api_name;
    let inner = f.inner;
    // Spanned at the field's type: a type that cannot be written in a query is reported there.
    let value = quote_spanned!(f.ty_span()=> &value.into());
    let mut out = TokenStream::new();
    let eq = f.method("", "_eq");
    let alias = alias(f, &eq.to_string());
    let eq_doc = doc(format!(
        "Only records whose `{api}` equals `value`: `{api}=value`."
    ));
    out.extend(quote! {
        #eq_doc
        #alias
        pub fn #eq(self, value: impl ::core::convert::Into<#inner>) -> Self {
            self.__filter(#api, #krate::Lookup::Eq, #value)
        }
    });
    if f.ordered_lookups() {
        for (suffix, lookup, words, arg) in ORDERED {
            let method = f.method("", suffix);
            let alias = super::docs::alias(f, &method.to_string());
            let lookup = syn::Ident::new(lookup, proc_macro2::Span::call_site());
            let line = doc(format!(
                "Only records whose `{api}` {words} `value`: `{api}{arg}=value`."
            ));
            out.extend(quote! {
                #line
                #alias
                pub fn #method(self, value: impl ::core::convert::Into<#inner>) -> Self {
                    self.__filter(#api, #krate::Lookup::#lookup, #value)
                }
            });
        }
    }
    if f.nullable {
        let method = f.method("", "_isnull");
        let alias = super::docs::alias(f, &method.to_string());
        let line = doc(format!(
            "Only records whose `{api}` is null (`true`) or is set (`false`): `{api}__isnull=True|False`."
        ));
        out.extend(quote! {
            #line
            #alias
            pub fn #method(mut self, is_null: bool) -> Self {
                self.query.is_null(#api, is_null);
                self
            }
        });
    }
    out
}
