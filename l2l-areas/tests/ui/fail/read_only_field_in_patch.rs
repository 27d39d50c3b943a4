// The area is declared in a module of its own, as areas are: its internals are private.
mod areas {
    #[l2l_areas::record_area(path = "widgets", scope = site)]
    pub struct Widget {
        #[l2l(id, read_only)]
        pub id: i64,
        pub site: i64,
        pub code: String,
        pub valuestream: Option<i64>,
        pub active: bool,
        #[l2l(read_only)]
        pub lastupdated: Option<l2l_areas::DateTime>,
    }
}

use areas::*;

// A read-only field cannot be set in a patch.
fn main() {
    let _ = WidgetPatch::default().code("W").lastupdated(l2l_areas::DateTime::now_utc());
}