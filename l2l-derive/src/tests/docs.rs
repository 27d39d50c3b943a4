//! The docs the macro writes: default docs of fields without their own, and the standard
//! example of an area (tested in l2l-areas, `ignore`d elsewhere).

use super::*;

/// The expansion in the crate `home`, pretty-printed.
fn pretty_in(home: Option<&str>, args: TokenStream, item: TokenStream) -> String {
    let out = crate::expand::record_area(args, item, home);
    prettyplease::unparse(&syn::parse2(out).expect("expansion parses"))
}

/// The doc lines of the record struct (before its first attribute that is no doc).
fn struct_docs(out: &str) -> Vec<&str> {
    out.lines().take_while(|l| l.starts_with("///")).collect()
}

#[test]
fn fields_without_docs_get_them_from_their_name_and_kind() {
    let out = pretty(
        quote!(path = "w", scope = site),
        quote! {
            pub struct W {
                #[l2l(id, read_only)]
                pub id: i64,
                pub site: i64,
                pub code: String,
                pub name: String,
                pub description: Option<String>,
                pub active: bool,
                #[l2l(read_only)]
                pub created: Option<DateTime>,
                #[l2l(read_only)]
                pub lastupdated: Option<DateTime>,
                /// The user's own words win.
                pub valuestream: Option<i64>,
                #[l2l(label = "Line Code")]
                pub linecode: Option<String>,
                pub active_since: Option<Date>,
            }
        },
    );
    for (doc, field) in [
        ("The record's id.", "pub id: i64"),
        ("The site number.", "pub site: i64"),
        ("The code.", "pub code: String"),
        ("Its name.", "pub name: String"),
        ("Its description.", "pub description: Option<String>"),
        ("Whether it is active.", "pub active: bool"),
        ("When it was created.", "pub created: Option<DateTime>"),
        (
            "When it was last changed.",
            "pub lastupdated: Option<DateTime>",
        ),
        ("The user's own words win.", "pub valuestream: Option<i64>"),
        (
            "The `active_since` property.",
            "pub active_since: Option<Date>",
        ),
    ] {
        assert!(
            out.contains(&format!("    /// {doc}\n    {field},")),
            "{doc} on {field}:\n{out}"
        );
    }
    // Other names say which property they are, with the label, and keep their alias.
    assert!(
        out.contains(
            "    /// The `linecode` property (labelled \"Line Code\" on L2L's screens).\n    #[doc(alias = \"Line Code\")]\n    pub linecode: Option<String>,"
        ),
        "{out}"
    );
    // The generated structs say the same as the record.
    assert_eq!(
        out.matches("/// Whether it is active.\n").count(),
        3,
        "{out}"
    );
    // A common name of another kind is not the common property.
    let out = pretty(
        quote!(path = "w", ops(list)),
        quote!(
            pub struct W {
                pub site: String,
                pub active: Option<i64>,
            }
        ),
    );
    assert!(
        out.contains("/// The `site` property.\n    pub site: String,"),
        "{out}"
    );
    assert!(
        out.contains("/// The `active` property.\n    pub active: Option<i64>,"),
        "{out}"
    );
}

#[test]
fn the_standard_example_is_a_doctest_in_l2l_areas() {
    let item = quote! {
        /// A widget.
        #[deprecated(note = "gone")]
        pub struct Widget {
            #[l2l(id)]
            pub id: i64,
        }
    };
    let out = pretty_in(
        Some("l2l_areas"),
        quote!(path = "widgets", scope = site),
        item,
    );
    assert_eq!(
        struct_docs(&out),
        [
            "/// A widget.",
            "///",
            "/// ```no_run",
            "/// # #![allow(deprecated)]",
            "/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {",
            "/// use l2l_areas::{Widget, WidgetField};",
            "/// let page = Widget::query(1).order_by(WidgetField::Id).limit(100).page(client).await?;",
            "/// for r in &page.records {",
            "///     let one = Widget::get(client, r.id).await?;",
            "/// }",
            "/// # Ok(()) }",
            "/// ```",
        ]
    );
}

#[test]
fn elsewhere_the_example_is_shown_never_compiled() {
    // A user's crate: the area may be in a private module, so no `use` and `ignore`. The
    // runtime is named through the macro's crate path.
    let out = pretty_in(
        Some("my_app"),
        quote!(
            path = "notes",
            crate = crate::rt,
            ops(list, get),
            max_limit = 50
        ),
        quote! {
            /// A note.
            pub struct Note {
                #[l2l(id, no_order)]
                pub id: i64,
            }
        },
    );
    assert_eq!(
        struct_docs(&out),
        [
            "/// A note.",
            "///",
            "/// ```ignore",
            "/// # async fn run(client: &my_app::rt::Client) -> Result<(), my_app::rt::Error> {",
            "/// let page = Note::query().limit(50).page(client).await?;",
            "/// for r in &page.records {",
            "///     let one = Note::get(client, r.id).await?;",
            "/// }",
            "/// # Ok(()) }",
            "/// ```",
        ]
    );
    // Without `list`: one record by id. An id that `get` does not take as it is: no loop.
    let out = pretty_in(
        None,
        quote!(path = "w", ops(get)),
        quote!(
            /// A w.
            pub struct W {
                #[l2l(id)]
                pub id: i64,
            }
        ),
    );
    assert!(
        out.contains("/// let one = W::get(client, 1).await?;\n"),
        "{out}"
    );
    let out = pretty_in(
        None,
        quote!(path = "w"),
        quote!(
            /// A w.
            pub struct W {
                #[l2l(id)]
                pub id: u32,
            }
        ),
    );
    assert!(
        out.contains("/// let page = W::query().order_by(WField::Id).limit(100)"),
        "{out}"
    );
    assert!(!out.contains("for r in"), "{out}");
}

#[test]
fn no_example_without_docs_or_without_a_read() {
    // The description is the user's part (`missing_docs` asks for it); the example follows it.
    let out = pretty(
        quote!(path = "w"),
        quote!(
            pub struct W {
                #[l2l(id)]
                pub id: i64,
            }
        ),
    );
    assert!(!out.contains("```"), "{out}");
    let out = pretty(
        quote!(path = "w", ops(create)),
        quote!(
            /// A w.
            pub struct W {
                pub a: i64,
            }
        ),
    );
    assert!(!out.contains("```"), "{out}");
}
