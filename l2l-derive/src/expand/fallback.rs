//! What is emitted when the input is wrong: the errors, each at its span, and the struct
//! as written without its `#[l2l]` attributes, so that the code around it still compiles
//! against the struct and the user sees the root errors, not a cascade (thiserror's
//! fallback idea).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemStruct;

use crate::attr;

/// The errors and the struct without helper attributes.
pub fn expand(item: &ItemStruct, err: syn::Error) -> TokenStream {
    let mut item = item.clone();
    item.attrs.retain(|a| !attr::is_l2l(a));
    for field in item.fields.iter_mut() {
        field.attrs.retain(|a| !attr::is_l2l(a));
    }
    let err = err.into_compile_error();
    quote! {
        #err
        #item
    }
}

/// The errors and the input unchanged (it is no struct, or does not parse).
pub fn unchanged(input: TokenStream, err: syn::Error) -> TokenStream {
    let err = err.into_compile_error();
    quote! {
        #err
        #input
    }
}
