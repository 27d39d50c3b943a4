//! `documents/list_bycategory/` and `documents/viewinfo/<id>/`.

use serde::Deserialize;

use crate::{Client, Document, Error, Request};

/// A document as `documents/list_bycategory/` and `documents/viewinfo/<id>/` describe it.
/// Integrations read `name` or `title` (the same) and, from `viewinfo`, `url`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(crate = "serde")]
pub struct DocumentInfo {
    /// The document's id.
    pub id: i64,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its name again, under the key some callers read.
    #[serde(default)]
    pub title: Option<String>,
    /// Its document number.
    #[serde(default)]
    pub number: Option<String>,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its category.
    #[serde(default)]
    pub category: Option<String>,
    /// Its id in another system.
    #[serde(default)]
    pub externalid: Option<String>,
    /// Where it is viewed.
    #[serde(default)]
    pub url: Option<String>,
}

impl Document {
    /// The active documents of a category (`documents/list_bycategory/`, sends `site`,
    /// `category` and `params_use_codes=0`; the path's area is `documents`, plural, as
    /// integrations call it).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// for d in l2l_areas::Document::list_bycategory(client, 1, "Work Instructions").await? {
    ///     println!("{} {:?}", d.id, d.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_bycategory(
        client: &Client,
        site: i64,
        category: &str,
    ) -> Result<Vec<DocumentInfo>, Error> {
        let r = Request::get("documents/list_bycategory")
            .query("site", site.to_string())
            .query("category", category)
            .query("params_use_codes", "0");
        client.list(r).await.map(|p| p.records)
    }

    /// One document with the `url` it is viewed at (`documents/viewinfo/<id>/`, sends
    /// `site`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let d = l2l_areas::Document::viewinfo(client, 1, 3).await?;
    /// println!("{:?}", d.url);
    /// # Ok(()) }
    /// ```
    pub async fn viewinfo(client: &Client, site: i64, id: i64) -> Result<DocumentInfo, Error> {
        let r = Request::get(format!("documents/viewinfo/{id}")).query("site", site.to_string());
        client.one(r).await
    }
}
