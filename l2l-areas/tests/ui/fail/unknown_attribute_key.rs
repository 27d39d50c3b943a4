// Misspelt keys, in the area's attribute and in a field's, each with a suggestion; all
// reported at once.
#[l2l_areas::record_area(path = "widgets", scope = site, max_limt = 1000)]
pub struct Widget {
    #[l2l(id, read_onyl)]
    pub id: i64,
    #[l2l(no_filtr)]
    pub code: String,
}

fn main() {
    // The struct is still emitted: using its fields reports nothing more.
    let w = Widget { id: 1, code: String::new() };
    let _ = (w.id, w.code);
}
