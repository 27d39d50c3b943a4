#[l2l_areas::record_area(path = "widgets", scope = site, ops(get, list, create, update))]
pub struct Widget {
    #[l2l(id, read_only)]
    pub id: i64,
    pub code: String,
}

// `delete` exists only on areas that declare it.
async fn remove(client: &l2l_areas::Client) {
    let _ = Widget::delete(client, 7).await;
}

fn main() {
    let _ = remove;
}
