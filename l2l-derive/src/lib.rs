//! # l2l-derive
//!
//! The `#[record_area]` attribute macro of the typed Leading2Lean (L2L) client. Use it
//! through `l2l-areas`, which re-exports it together with the runtime it generates calls
//! into: `#[l2l_areas::record_area(...)]`.
//!
//! The crate is laid out like `serde_derive` and `thiserror-impl`:
//!
//! - `ast.rs`: a borrowed view of the struct (fields, their API names, kinds, attributes);
//! - `attr/`: parsing of `#[record_area(...)]` (`container.rs`) and of each field's `#[l2l(...)]`
//!   (`field.rs`), over `meta.rs`, the leaf with the keys and helpers both share;
//! - `kind.rs`: the closed list of Rust types the macro understands and their `FieldKind`;
//! - `valid.rs`: the semantic checks (duplicate API properties, a missing id, ...);
//! - `ctxt.rs`: the error accumulator: every error at its span, reported at once;
//! - `expand/`: one small module per generated item, `docs.rs` for the docs the macro
//!   writes, and `fallback.rs` for wrong input.

#![forbid(unsafe_code)]

use proc_macro::TokenStream;

mod ast;
mod attr;
mod ctxt;
mod expand;
mod kind;
mod suggest;
mod valid;

#[cfg(test)]
mod tests;

/// Turns a struct whose fields are named by their API properties into a typed record area:
/// the record, its field enum, a query builder with typed filters, partial records, and the
/// create, update and delete calls the area declares.
///
/// ```ignore
/// #[l2l_areas::record_area(path = "widgets", scope = site, ops(get, list, create, update))]
/// #[derive(Debug, Clone)]
/// pub struct Widget {
///     #[l2l(id, read_only)]
///     pub id: i64,
///     pub site: i64,
///     pub code: String,
///     #[l2l(label = "Value Stream")]
///     pub valuestream: Option<i64>,
///     #[l2l(read_only)]
///     pub lastupdated: Option<l2l_areas::DateTime>,
/// }
/// ```
///
/// # Container: `#[record_area(...)]`
///
/// | key | meaning |
/// |---|---|
/// | `path = "widgets"` | required: the URL segment of the area |
/// | `scope = site` | queries name a site: `Widget::query(site: i64)`; without it, `Widget::query()` |
/// | `max_limit = 1000` | the largest page size the area accepts (2000 by default) |
/// | `custom_properties` | the area has custom properties: adds `WidgetQuery::custom(name, value)` (needs `scope = site`) |
/// | `ops(get, list, create, update, delete)` | the operations the area has; all five when absent. Only the ones listed are generated |
/// | `crate = path` | where the generated code finds `l2l_areas` (`::l2l_areas` by default); the path must name `l2l_areas` or a re-export of it |
///
/// # Fields: `#[l2l(...)]`
///
/// | key | meaning |
/// |---|---|
/// | `id` | the record's id: an integer field; needed by `get`, `update` and `delete` |
/// | `rename = "..."` | the API property, when it is no valid Rust name |
/// | `read_only` | returned, never sent (`id`, `created`, `lastupdated`): not in `NewWidget` nor `WidgetPatch` |
/// | `write_only` | sent, never returned (`linecode` when creating a machine): only in `NewWidget`, `WidgetPatch` and the schema |
/// | `no_filter` | no filter methods for this field |
/// | `no_order` | recorded in the schema (`FieldSchema::order`) and in the field's docs: L2L cannot order by it. `order_by` takes the shared `WidgetField`, so this is not checked at compile time |
/// | `label = "..."` | the label L2L's screens show for the property ("Defect" for `scrap`): emitted as `#[doc(alias)]` on everything generated for the field |
/// | `kind = "..."` | the kind of a field whose type is not one the macro knows: `integer`, `float`, `decimal`, `text`, `bool`, `date`, `datetime` or `json` |
///
/// Field types the macro knows: the integer types, `f32`, `f64`, a path ending in
/// `Decimal`, `String`, `bool`, `Date`, `DateTime`, and `Option` of each (a nullable
/// field). Any other type needs `kind`.
///
/// # What it generates, for an area `Widget`
///
/// - `Widget` itself with serde's `Deserialize` and `Serialize` (through `l2l_areas`, so the
///   user crate needs no serde dependency), renamed properties, `#[serde(default)]` on
///   `Option` fields, and without its `write_only` fields;
/// - `WidgetField`: a `Copy` enum of the returned fields with `ALL`, `api_name()`,
///   `FromStr` and `Display`;
/// - `WidgetQuery<R = Widget>` (with `list`): per filterable field `<field>_eq`, and for
///   ordered kinds (numbers, text, dates) `<field>_lt`, `_lte`, `_gt`, `_gte`, and for
///   `Option` fields `<field>_isnull(bool)`; then `order_by`, `order_by_desc`, `fields`
///   (records then decode as `WidgetPartial`), `limit`, `offset`, `keyset`, `paging`,
///   `custom` (with `custom_properties`), and the terminals `page`, `all`, `stream`,
///   `first`, `to_query_string`, `into_query`;
/// - `Widget::query(..)`, `Widget::get`, `Widget::create(&NewWidget)`,
///   `Widget::update(id, &WidgetPatch)`, `Widget::delete`: only the declared operations;
/// - `NewWidget` (with `create`): the writable fields, `impl Form`;
/// - `WidgetPatch` (with `update`): a setter per writable field and `clear_<field>()` for
///   nullable ones, `impl Form`;
/// - `WidgetPartial` (with `list`): every returned field as an `Option`, `impl Record`;
/// - `impl Record for Widget` and `impl RecordArea for Widget` with the static
///   `AreaSchema`;
/// - docs: after the struct's own docs, the standard example of the area (a page of a
///   list query ordered by id, each record read again with `get`), a `no_run` doctest in
///   `l2l-areas` and `ignore`d in other crates (where the area's path is not known); and on
///   a field without docs, a line from its name and kind ("The site number.", "When it was
///   last changed.", else "The `xyz` property."), repeated on the generated structs.
///
/// On wrong input every error is reported at once, at its span, with a suggestion for a
/// misspelt key, and the struct is still emitted (without the `#[l2l]` attributes) so that
/// the rest of the crate reports no follow-on errors about it.
#[proc_macro_attribute]
pub fn record_area(attr: TokenStream, item: TokenStream) -> TokenStream {
    // The crate being compiled, which cargo names to rustc and rustdoc: the area's standard
    // example names the area through it.
    let home = std::env::var("CARGO_CRATE_NAME").ok();
    expand::record_area(attr.into(), item.into(), home.as_deref()).into()
}
