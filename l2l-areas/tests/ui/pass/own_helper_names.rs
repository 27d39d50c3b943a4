// The macro's helpers are out of the user's namespace: a user's own `filter`, `from_query`,
// `with` and `with_null` on the generated types compile, and the generated filters and
// setters still work beside them.

use l2l_areas::Lookup;

#[l2l_areas::record_area(path = "widgets", scope = site)]
#[derive(Debug, Clone)]
pub struct Widget {
    #[l2l(id)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub valuestream: Option<i64>,
}

impl WidgetQuery {
    /// The user's own `filter`: a code prefix as a range.
    pub fn filter(self, prefix: &str) -> Self {
        self.code_gte(prefix.to_owned())
    }

    pub fn from_query(_q: l2l_areas::Query) -> Self {
        Widget::query(1)
    }

    pub fn lookup(&self) -> Lookup {
        Lookup::Gte
    }
}

impl WidgetPatch {
    pub fn with(self, code: &str) -> Self {
        self.code(code.to_owned())
    }

    pub fn with_null(self) -> Self {
        self.clear_valuestream()
    }
}

fn main() {
    let q = Widget::query(1).filter("W").valuestream_eq(4);
    assert_eq!(q.to_query_string(), "site=1&code__gte=W&valuestream=4");
    let p = WidgetPatch::default().with("X").with_null();
    assert_eq!(p.as_patch().pairs().len(), 2);
}
