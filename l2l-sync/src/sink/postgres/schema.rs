//! The area's table in PostgreSQL: what it has, and the statements that make it what the
//! schema wants (create, add columns, check types, comments, the `lastupdated` index).

use super::{PostgresSink, pg};
use crate::error::{Error, Result};
use crate::table::{ColumnType, DELETED_AT, EXTRA, Table, literal, quote};

impl PostgresSink {
    /// The columns of `table` in the current schema: (name, data type).
    pub(super) fn columns(&mut self, table: &str) -> Result<Vec<(String, String)>> {
        let rows = self
            .client
            .query(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1",
                &[&table],
            )
            .map_err(|e| pg(&self.target, e))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub(super) fn statements(&mut self, table: &Table) -> Result<Vec<String>> {
        let existing = self.columns(&table.name)?;
        let t = quote(&table.name);
        let mut sql = Vec::new();
        let comment = |c: &str, label: &Option<String>| {
            label
                .as_ref()
                .map(|l| format!("COMMENT ON COLUMN {t}.{} IS {}", quote(c), literal(l)))
        };
        if existing.is_empty() {
            sql.push(table.create_sql(ColumnType::postgres));
            sql.extend(
                table
                    .columns
                    .iter()
                    .filter_map(|c| comment(&c.name, &c.label)),
            );
            self.deleted_at = false;
        } else {
            let mut wanted: Vec<(&str, ColumnType, &Option<String>)> = table
                .columns
                .iter()
                .map(|c| (c.name.as_str(), c.ty, &c.label))
                .collect();
            wanted.push((EXTRA, ColumnType::Json, &None));
            for (name, ty, label) in wanted {
                match existing.iter().find(|(n, _)| n == name) {
                    Some((_, found)) if found != ty.postgres() => {
                        return Err(Error::ColumnType {
                            target: self.target.clone(),
                            table: table.name.clone(),
                            column: name.to_owned(),
                            found: found.clone(),
                            expected: ty.postgres().to_owned(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        sql.push(format!(
                            "ALTER TABLE {t} ADD COLUMN {} {}",
                            quote(name),
                            ty.postgres()
                        ));
                        sql.extend(comment(name, label));
                    }
                }
            }
            self.deleted_at = existing.iter().any(|(n, _)| n == DELETED_AT);
            let pk: Vec<String> = self
                .client
                .query(
                    "SELECT a.attname::text FROM pg_index i JOIN pg_attribute a \
                     ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                     WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary",
                    &[&table.name],
                )
                .map_err(|e| pg(&self.target, e))?
                .iter()
                .map(|r| r.get(0))
                .collect();
            if pk != [table.id.clone()] {
                return Err(Error::sink(
                    &self.target,
                    format!(
                        "column `{}` of table `{}` is not its primary key, so rows cannot be upserted by id",
                        table.id, table.name
                    ),
                ));
            }
        }
        self.direct = existing.is_empty();
        self.index_pending = existing.is_empty() && table.has_lastupdated();
        if table.has_lastupdated() && !self.index_pending {
            sql.push(table.index_sql());
        }
        Ok(sql)
    }
}
