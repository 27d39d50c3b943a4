//! A user's own area, declared with the same macro, beside the built-in areas: both are
//! served by the sandbox and used through one client.

use l2l_areas::{AreaSchema, DateTime, Machine, RecordArea, Site};
use l2l_sandbox::{Sandbox, Seed};

/// A widget: an area L2L does not ship, declared the way a user's crate would.
#[l2l_areas::record_area(path = "widgets", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Widget {
    /// The id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// The value stream.
    #[l2l(label = "Value Stream")]
    pub valuestream: Option<i64>,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

static AREAS: [&AreaSchema; 3] = [Site::SCHEMA, Machine::SCHEMA, Widget::SCHEMA];

#[tokio::test]
async fn a_custom_area_and_built_in_areas_share_one_client() {
    let sandbox = Sandbox::builder()
        .areas(&AREAS)
        .seed(Seed::Empty)
        .start()
        .await
        .unwrap();
    let client = sandbox.client();
    let site = Site::create(
        &client,
        &l2l_areas::NewSite {
            site: 1,
            description: "Plant".into(),
            timezone: None,
            active: Some(true),
            test_site: Some(true),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for code in ["W-1", "W-2", "W-3"] {
        Widget::create(
            &client,
            &NewWidget {
                site: 1,
                code: code.into(),
                valuestream: Some(4),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    let m = Machine::create(
        &client,
        &l2l_areas::NewMachine {
            site: 1,
            code: "M-1".into(),
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let widgets = Widget::query(1)
        .code_gte("W-2")
        .valuestream_isnull(false)
        .all(&client)
        .await
        .unwrap();
    assert_eq!(
        widgets.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(),
        ["W-2", "W-3"]
    );
    let w = Widget::update(
        &client,
        widgets[0].id,
        &WidgetPatch::default().clear_valuestream(),
    )
    .await
    .unwrap();
    assert_eq!(w.valuestream, None);
    assert_eq!(
        Widget::query(1)
            .valuestream_isnull(true)
            .all(&client)
            .await
            .unwrap()
            .len(),
        1
    );
    Widget::delete(&client, w.id).await.unwrap();
    assert_eq!(Widget::query(1).all(&client).await.unwrap().len(), 2);
    assert_eq!(Machine::get(&client, m.id).await.unwrap().code, "M-1");
    // Clearing a nullable text field stores null, not an empty string.
    let m = Machine::update(
        &client,
        m.id,
        &l2l_areas::MachinePatch::default().description("Press"),
    )
    .await
    .unwrap();
    assert_eq!(m.description.as_deref(), Some("Press"));
    let m = Machine::update(
        &client,
        m.id,
        &l2l_areas::MachinePatch::default().clear_description(),
    )
    .await
    .unwrap();
    assert_eq!(m.description, None);
    assert_eq!(
        Machine::query(1)
            .description_isnull(true)
            .all(&client)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        Site::get(&client, site.id).await.unwrap().description,
        "Plant"
    );
}
