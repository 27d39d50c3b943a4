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

// An ordering lookup on a bool field does not exist.
fn main() {
    let _ = Widget::query(1).active_gt(true);
}