//! `dispatchtechnicians/dispatch/` and `dispatchtechnicians/complete/<id>/`.

use crate::{Client, DispatchTechnician, Error, Request};

impl DispatchTechnician {
    /// Puts a technician (a [`Technician`](crate::Technician) id) on an open dispatch
    /// (`dispatchtechnicians/dispatch/`, sends `site`, `dispatch_id`, `technician_id`); the
    /// answer is the new dispatch technician record, which
    /// [`Dispatch::current_dispatched_resources`](crate::Dispatch::current_dispatched_resources)
    /// then lists. A technician already on the dispatch is refused ("technician already
    /// dispatched"), so this is not retried: a retry of a call that went through would be
    /// refused that way.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let on = l2l_areas::DispatchTechnician::dispatch(client, 1, 42, 7).await?;
    /// println!("dispatch technician {}", on.id);
    /// # Ok(()) }
    /// ```
    pub async fn dispatch(
        client: &Client,
        site: i64,
        dispatch_id: i64,
        technician_id: i64,
    ) -> Result<DispatchTechnician, Error> {
        let r = Request::post("dispatchtechnicians/dispatch")
            .form("site", site.to_string())
            .form("dispatch_id", dispatch_id.to_string())
            .form("technician_id", technician_id.to_string());
        client.one(r).await
    }

    /// Ends a technician's work on a dispatch (`dispatchtechnicians/complete/<id>/`, `id`
    /// the dispatch technician record's, sends `site`): its `end` is set, and it leaves
    /// [`Dispatch::current_dispatched_resources`](crate::Dispatch::current_dispatched_resources).
    /// Not retried: completing twice is refused.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let done = l2l_areas::DispatchTechnician::complete(client, 1, 9).await?;
    /// println!("ended {:?}", done.end);
    /// # Ok(()) }
    /// ```
    pub async fn complete(
        client: &Client,
        site: i64,
        id: i64,
    ) -> Result<DispatchTechnician, Error> {
        let r = Request::post(format!("dispatchtechnicians/complete/{id}"))
            .form("site", site.to_string());
        client.one(r).await
    }
}
