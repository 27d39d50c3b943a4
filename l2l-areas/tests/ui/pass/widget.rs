// A user's own area, in a crate that depends on l2l-areas alone (DESIGN.md's `Widget`):
// queries and CRUD calls type-check.

use l2l_areas::{Client, Date, DateTime, Error, Paging, Site, SiteField};

#[l2l_areas::record_area(path = "widgets", scope = site)]
#[derive(Debug, Clone)]
pub struct Widget {
    #[l2l(id)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub valuestream: Option<i64>,
    pub active: bool,
    pub installed: Option<Date>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

async fn calls(client: &Client) -> Result<(), Error> {
    let q = Widget::query(1)
        .code_gte("WLD") // B13
        .valuestream_isnull(false) // B14
        .active_eq(true) // B12
        .installed_lt(Date::new(2024, 1, 1).unwrap())
        .lastupdated_gte(DateTime::now_utc())
        .order_by_desc(WidgetField::Code) // B20
        .order_by(WidgetField::Id)
        .limit(500)
        .offset(0)
        .paging(Paging::Offset);
    let _dry: String = q.to_query_string();
    let page: l2l_areas::Page<Widget> = q.page(client).await?;
    let _records: Vec<Widget> = page.records;
    let _all: Vec<Widget> = q.clone().all(client).await?;
    let _first: Option<Widget> = q.clone().first(client).await?;
    let _stream = q.clone().stream(client);
    let _untyped: l2l_areas::Query = q.into_query();

    // B21: with `fields`, records are partial.
    let partial: Vec<WidgetPartial> = Widget::query(1)
        .fields([WidgetField::Id, WidgetField::Code])
        .keyset()
        .all(client)
        .await?;
    let _code: Option<&String> = partial.first().and_then(|w| w.code.as_ref());

    let w: Widget = Widget::get(client, 7).await?;
    let created: Widget = Widget::create(
        client,
        &NewWidget {
            id: 0,
            site: 1,
            code: "WLD-9".into(),
            valuestream: None,
            active: true,
            installed: None,
            extra: Default::default(),
        },
    )
    .await?;
    let _updated: Widget = Widget::update(
        client,
        created.id,
        &WidgetPatch::default().code("WLD-10").clear_valuestream().active(false),
    )
    .await?;
    Widget::delete(client, w.id).await?;

    let _sites: Vec<Site> = Site::query().active_eq(true).order_by(SiteField::Site).all(client).await?;
    Ok(())
}

fn main() {
    let _ = calls;
    let q = Widget::query(1).code_gte("WLD").valuestream_isnull(false).limit(500);
    assert_eq!(q.to_query_string(), "site=1&code__gte=WLD&valuestream__isnull=False&limit=500");
    let field: WidgetField = "valuestream".parse().unwrap();
    assert_eq!(field, WidgetField::Valuestream);
    assert_eq!(WidgetField::ALL.len(), 7);
}
