//! The entry points on the record (`query`, `get`, `create`, `update`, `delete`, only those
//! the area declares), `NewX` for `create` and `XPatch` for `update`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::Gen;
use super::docs::{alias, article, doc, field_docs};
use crate::attr::Scope;

/// `impl X { query, get, create, update, delete }`.
pub fn entry_points(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let record = g.record;
    let schema = g.schema();
    let path = g.path();
    let ops = &g.area.attrs.ops;
    let query_ty = &g.query;
    let result = |t: TokenStream| quote!(::core::result::Result<#t, #krate::Error>);
    let mut items = TokenStream::new();
    if ops.list {
        items.extend(match g.area.attrs.scope {
            Scope::Site => {
                let line = doc(format!(
                    "A list query of `{path}` at site number `site` (`site=<site>`)."
                ));
                quote! {
                    #line
                    pub fn query(site: i64) -> #query_ty {
                        #query_ty::__from_query(#krate::Query::for_site(#schema, site))
                    }
                }
            }
            Scope::None => {
                let line = doc(format!("A list query of `{path}`."));
                quote! {
                    #line
                    pub fn query() -> #query_ty {
                        #query_ty::__from_query(#krate::Query::new(#schema))
                    }
                }
            }
        });
    }
    if ops.get {
        let line = doc(format!("The record with this id (`GET {path}/<id>/`)."));
        let out = result(quote!(Self));
        items.extend(quote! {
            #line
            pub async fn get(client: &#krate::Client, id: i64) -> #out {
                #krate::get(client, #schema, id).await
            }
        });
    }
    if ops.create {
        let new = &g.new;
        let line = doc(format!(
            "Creates a record (`POST {path}/`) and returns it as L2L stored it."
        ));
        let out = result(quote!(Self));
        items.extend(quote! {
            #line
            pub async fn create(client: &#krate::Client, record: &#new) -> #out {
                #krate::create(client, #schema, record).await
            }
        });
    }
    if ops.update {
        let patch = &g.patch;
        let line = doc(format!(
            "Changes the fields set in `patch` of the record with this id (`POST {path}/<id>/`) and returns the record."
        ));
        let out = result(quote!(Self));
        items.extend(quote! {
            #line
            pub async fn update(client: &#krate::Client, id: i64, patch: &#patch) -> #out {
                #krate::update(client, #schema, id, patch).await
            }
        });
    }
    if ops.delete {
        let line = doc(format!(
            "Deletes the record with this id (`DELETE {path}/<id>/`)."
        ));
        let out = result(quote!(()));
        items.extend(quote! {
            #line
            pub async fn delete(client: &#krate::Client, id: i64) -> #out {
                #krate::delete(client, #schema, id).await
            }
        });
    }
    if g.area.attrs.custom_properties.is_some() && g.area.keeps_unknown() {
        let extra = match g.area.extra {
            Some(f) => f.ident.clone().expect("named field"),
            None => quote::format_ident!("extra"),
        };
        items.extend(quote! {
            /// The custom property `name` (sent as `custom__<name>` when the request names
            /// the site), if the record has it.
            pub fn custom(&self, name: &str) -> ::core::option::Option<&#krate::JsonValue> {
                self.#extra.custom(name)
            }
        });
    }
    quote! {
        impl #record {
            #items
        }
    }
}

/// `NewX`: the writable fields, required ones plain, nullable ones `Option`.
pub fn new_record(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let vis = g.vis;
    let record = g.record;
    let name = &g.new;
    let fields: Vec<_> = g.area.writable().collect();
    let decls = fields.iter().map(|f| {
        let docs = field_docs(f);
        let ident = f.ident;
        let ty = f.ty;
        quote!(#docs pub #ident: #ty)
    });
    let writes = fields.iter().map(|f| {
        let api = &f.api_name;
        let ident = f.ident;
        // Spanned at the field's type: a type that cannot be sent is reported there.
        if f.nullable {
            quote_spanned!(f.ty_span()=> w.optional(#api, self.#ident.as_ref().map(|v| v as &dyn #krate::QueryValue));)
        } else {
            quote_spanned!(f.ty_span()=> w.field(#api, &self.#ident);)
        }
    });
    let default = fields
        .iter()
        .all(|f| f.has_default())
        .then(|| quote!(::core::default::Default,));
    let custom = g.area.attrs.custom_properties.map(|_| {
        quote! {
            /// Sets the custom property `name` (sent as `custom__<name>`).
            pub fn custom(mut self, name: &str, value: impl ::core::convert::Into<#krate::JsonValue>) -> Self {
                self.extra.set_custom(name, value);
                self
            }
        }
    });
    let struct_doc = doc(format!(
        "A new [`{record}`] for [`{record}::create`]: the fields a client sends (`None` leaves a field out)."
    ));
    quote! {
        #struct_doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #default)]
        #vis struct #name {
            #(#decls,)*
            /// Properties this type does not declare, sent as they are (by API name).
            pub extra: #krate::Extra,
        }

        impl #name {
            /// Sets a property this type does not declare, by its API name.
            pub fn property(mut self, name: &str, value: impl ::core::convert::Into<#krate::JsonValue>) -> Self {
                self.extra.insert(name, value);
                self
            }

            #custom
        }

        impl #krate::Form for #name {
            fn write_form(&self, w: &mut #krate::FormWriter) {
                #(#writes)*
                #krate::Form::write_form(&self.extra, w);
            }
        }
    }
}

/// `XPatch`: a setter per writable field, `clear_<field>` for nullable ones.
pub fn patch(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let vis = g.vis;
    let record = g.record;
    let name = &g.patch;
    let setters = g.area.writable().map(|f| {
        let api = &f.api_name;
        let ident = f.ident;
        let inner = f.inner;
        let alias = alias(f, &f.name);
        let value = quote_spanned!(f.ty_span()=> &value.into());
        let line = doc(format!("Sets `{api}`."));
        let mut out = quote! {
            #line
            #alias
            pub fn #ident(self, value: impl ::core::convert::Into<#inner>) -> Self {
                self.__with(#api, #value)
            }
        };
        if f.nullable {
            let clear = f.method("clear_", "");
            let alias = super::docs::alias(f, &clear.to_string());
            let line = doc(format!(
                "Sets `{api}` to null (not the same as leaving it unchanged)."
            ));
            out.extend(quote! {
                #line
                #alias
                pub fn #clear(self) -> Self {
                    self.__with_null(#api)
                }
            });
        }
        out
    });
    let struct_doc = doc(format!(
        "Changes to {} [`{record}`] for [`{record}::update`]: only the fields set are sent.",
        article(&record.to_string())
    ));
    // The helpers only when a setter calls them, so that no dead code is generated.
    let with = g.area.writable().next().map(|_| {
        quote! {
            #[doc(hidden)]
            fn __with(mut self, field: &'static str, value: &dyn #krate::QueryValue) -> Self {
                self.0.set(field, value);
                self
            }
        }
    });
    let with_null = g.area.writable().any(|f| f.nullable).then(|| {
        quote! {
            #[doc(hidden)]
            fn __with_null(mut self, field: &'static str) -> Self {
                self.0.set_null(field);
                self
            }
        }
    });
    let patch_custom = g.area.attrs.custom_properties.map(|_| {
        quote! {
            /// Sets the custom property `name` (sent as `custom__<name>`).
            pub fn custom(mut self, name: &str, value: impl #krate::QueryValue) -> Self {
                self.0.set(&::std::format!("custom__{name}"), &value);
                self
            }
        }
    });
    quote! {
        #struct_doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq)]
        #[must_use]
        #vis struct #name(#krate::Patch);

        impl #name {
            #with
            #with_null
            #(#setters)*

            /// Sets a property this type does not declare, by its API name.
            pub fn set_property(mut self, name: &str, value: impl #krate::QueryValue) -> Self {
                self.0.set(name, &value);
                self
            }

            #patch_custom

            /// The fields set so far, as an untyped patch.
            pub fn as_patch(&self) -> &#krate::Patch {
                &self.0
            }
        }

        impl #krate::Form for #name {
            fn write_form(&self, w: &mut #krate::FormWriter) {
                #krate::Form::write_form(&self.0, w);
            }
        }
    }
}
