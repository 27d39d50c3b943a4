//! The demo's writing steps: clock in and out, cycle counts, a dispatch, production.

use super::*;

impl Flow {
    pub(super) async fn clock_in_and_out(&mut self, line: &Line) -> Result<()> {
        self.step("Clock a user in and out");
        let Some(user) = self.user.clone() else {
            show("skipped", "name a user to clock in with --user LOGIN");
            return Ok(());
        };
        User::clock_in(
            &self.client,
            &user,
            &ClockIn::now(self.site, line.code.clone()),
        )
        .await?;
        show(
            "POST",
            format!("users/clock_in/{user}/  linecode={}", line.code),
        );
        let found = User::query()
            .loginid_eq(user.clone())
            .first(&self.client)
            .await?;
        if let Some(u) = &found {
            let t = UserTime::query(self.site)
                .user_eq(u.id)
                .order_by_desc(UserTimeField::Id)
                .first(&self.client)
                .await?;
            if let Some(t) = t {
                show(
                    "clocked",
                    format!("{user} in on line {} since {}", line.code, t.start),
                );
            }
        }
        User::clock_out(&self.client, &user, self.site, Some(&line.code)).await?;
        show("POST", format!("users/clock_out/{user}/"));
        if let Some(u) = &found {
            let t = UserTime::query(self.site)
                .user_eq(u.id)
                .order_by_desc(UserTimeField::Id)
                .first(&self.client)
                .await?;
            if let Some(t) = t {
                show("session", format!("{} to {}", t.start, opt(&t.end)));
            }
        }
        Ok(())
    }

    pub(super) async fn cycle_counts(&mut self, m: &Machine) -> Result<()> {
        self.step("Set and increment the machine's cycle count");
        let set = CycleCount::new(self.site, MachineRef::Code(m.code.clone()), 1000);
        Machine::set_cycle_count(&self.client, &set).await?;
        show(
            "POST",
            format!("machines/set_cycle_count/  code={} cyclecount=1000", m.code),
        );
        let mut inc = CycleCount::new(self.site, MachineRef::Code(m.code.clone()), 25);
        inc.skip_lastupdated = true;
        Machine::increment_cycle_count(&self.client, &inc).await?;
        show(
            "POST",
            format!(
                "machines/increment_cycle_count/  code={} cyclecount=25 skip_lastupdated=1",
                m.code
            ),
        );
        let now = Machine::get(&self.client, m.id).await?;
        show(
            "count",
            format!("{} now at {}", m.code, opt(&now.cyclecount)),
        );
        Ok(())
    }

    pub(super) async fn dispatch(&mut self, m: &Machine) -> Result<()> {
        self.step("Open and close a dispatch");
        let types = DispatchType::query(self.site)
            .active_eq(true)
            .all(&self.client)
            .await?;
        let Some(dt) = types
            .iter()
            .find(|t| t.code == "Code Red")
            .or_else(|| types.first())
        else {
            show(
                "skipped",
                format!("site {} has no active dispatch type", self.site),
            );
            return Ok(());
        };
        // The support article's duplicate guard: is one open already?
        let open = Dispatch::query(self.site)
            .machine_eq(m.id)
            .dispatchtype_eq(dt.id)
            .open_eq("T")
            .order_by_desc(DispatchField::Reported)
            .first(&self.client)
            .await?;
        if let Some(d) = open {
            show(
                "found",
                format!("dispatch {} already open: closing it first", d.id),
            );
            Dispatch::close(&self.client, self.site, d.id).await?;
        }
        let a = OpenDispatch::new(
            self.site,
            dt.code.as_str(),
            m.code.as_str(),
            "l2l demo: jammed feeder",
        );
        let d = Dispatch::open(&self.client, &a).await?;
        show(
            "POST",
            format!(
                "dispatches/open/  dispatchtypecode={} machinecode={}",
                dt.code, m.code
            ),
        );
        show(
            "opened",
            format!(
                "dispatch {} (number {}) on {}, open={}",
                d.id,
                opt(&d.dispatchnumber),
                opt(&d.machinecode),
                opt(&d.open)
            ),
        );
        let closed = Dispatch::close(&self.client, self.site, d.id).await?;
        show("POST", format!("dispatches/close/{}/", d.id));
        show(
            "closed",
            format!(
                "dispatch {}: open={}, completed {}",
                closed.id,
                opt(&closed.open),
                opt(&closed.completed)
            ),
        );
        Ok(())
    }

    /// Records 12 parts made and 1 scrapped; returns when (the detail's end).
    pub(super) async fn record_production(&mut self, line: &Line) -> Result<DateTime> {
        self.step("Record production");
        let product = Product::query(self.site)
            .active_eq(true)
            .first(&self.client)
            .await?;
        let code = match &product {
            Some(p) => p.code.clone(),
            // As the samples do: an unknown product code creates the product.
            None => format!("testproduct-{}", jiff::Timestamp::now().as_second()),
        };
        let mut a = RecordDetails::new(
            self.site,
            line.code.as_str(),
            code.clone(),
            When::Now,
            When::Now,
            Decimal::from(12),
        );
        a.scrap = Decimal::from(1);
        a.operator_count = Decimal::from(2);
        let d = PitchDetail::record_details(&self.client, &a).await?;
        show(
            "POST",
            format!(
                "pitchdetails/record_details/  linecode={} productcode={code} start=now end=now \
                 actual=12 scrap=1 operator_count=2",
                line.code
            ),
        );
        show(
            "recorded",
            format!(
                "detail {} in pitch {}: {} made, {} scrapped",
                d.id,
                opt(&d.pitch),
                d.actual,
                d.scrap
            ),
        );
        Ok(d.end)
    }
}
