//! PostgreSQL's [`Dialect`]: its types as `information_schema` spells them, `$n`
//! parameters, column comments, a first load's table made keyless with autovacuum off, the
//! ids of a reconcile sent by binary COPY, and the deleted ids as one array.

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Client, error::SqlState};

use super::batch::STAGE;
use crate::row::Row;
use crate::sink::sql::{Dialect, IdKey, Insert, SEEN};
use crate::state::StateKey;
use crate::table::{ColumnType, STATE_TABLE, Table, literal, quote};

/// A PostgreSQL connection, as a [`Dialect`].
pub struct Postgres {
    /// The connection.
    pub client: Client,
    /// The COPY data of the batch being written, kept between batches.
    pub buf: Vec<u8>,
    /// Whether [`Postgres::buf`] is in the binary format (else in text).
    pub binary: bool,
}

/// Why a statement failed.
#[derive(Debug)]
pub enum PgError {
    /// The server's (or the connection's) error.
    Db(postgres::Error),
    /// A batch's COPY data could not be sent (and the server said nothing more).
    Copy(std::io::Error),
}

impl From<postgres::Error> for PgError {
    fn from(e: postgres::Error) -> PgError {
        PgError::Db(e)
    }
}

/// The `COMMENT ON COLUMN` of a column that L2L labels.
fn comment(table: &Table, column: &str, label: Option<&str>) -> Option<String> {
    label.map(|l| {
        format!(
            "COMMENT ON COLUMN {}.{} IS {}",
            quote(&table.name),
            quote(column),
            literal(l)
        )
    })
}

impl Dialect for Postgres {
    type Error = PgError;

    const BEGIN_PREPARE: &'static str = "BEGIN";
    const KEY_AT_END: bool = true;
    const STATE_COLUMNS: &'static str =
        "state jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now()";
    const PROBE_VALUES: &'static str = "'{}', now()";
    const IF_NEW: &'static str = "IF NOT EXISTS ";
    const MARK_TYPE: &'static str = "timestamptz";
    const NOW: &'static str = "now()";

    /// The server's message, detail and hint when it sent one; else the error and its
    /// causes.
    fn describe(e: &PgError) -> String {
        let e = match e {
            PgError::Db(e) => e,
            PgError::Copy(e) => return e.to_string(),
        };
        match e.as_db_error() {
            Some(db) => {
                let mut m = format!("{}: {}", db.severity(), db.message());
                if let Some(d) = db.detail() {
                    m.push_str(&format!(" ({d})"));
                }
                if let Some(h) = db.hint() {
                    m.push_str(&format!("; {h}"));
                }
                m
            }
            None => {
                let mut m = e.to_string();
                let mut src = std::error::Error::source(e);
                while let Some(s) = src {
                    m.push_str(&format!(": {s}"));
                    src = s.source();
                }
                m
            }
        }
    }

    fn into_source(e: PgError) -> Box<dyn std::error::Error + Send + Sync> {
        match e {
            PgError::Db(e) => Box::new(e),
            PgError::Copy(e) => Box::new(e),
        }
    }

    fn duplicate_id(e: &PgError) -> bool {
        matches!(e, PgError::Db(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION))
    }

    fn batch(&mut self, sql: &str) -> Result<(), PgError> {
        Ok(self.client.batch_execute(sql)?)
    }

    fn execute(&mut self, sql: &str) -> Result<u64, PgError> {
        Ok(self.client.execute(sql, &[])?)
    }

    fn query_bool(&mut self, sql: &str) -> Result<bool, PgError> {
        Ok(self.client.query_one(sql, &[])?.try_get(0)?)
    }

    fn type_name(ty: ColumnType) -> &'static str {
        ty.postgres()
    }

    /// The columns in the current schema.
    fn columns(&mut self, table: &str) -> Result<Vec<(String, String)>, PgError> {
        let rows = self.client.query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
            &[&table],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Without its primary key (a first load copies every id once, and PostgreSQL builds
    /// the key in one sort at the end several times faster than it keeps it row by row),
    /// and without autovacuum while the first load fills it: it would scan the table the
    /// load is filling, and the key's lock at the end would wait for it to be cancelled (a
    /// second, the deadlock timeout). The load's last transaction turns it back on.
    fn create_table(table: &Table) -> Vec<String> {
        let mut sql = vec![
            table.create_sql(ColumnType::postgres, false),
            format!(
                "ALTER TABLE {} SET (autovacuum_enabled = false)",
                quote(&table.name)
            ),
        ];
        sql.extend(
            table
                .columns
                .iter()
                .filter_map(|c| comment(table, &c.name, c.label.as_deref())),
        );
        sql
    }

    fn add_column(table: &Table, name: &str, ty: ColumnType, label: Option<&str>) -> Vec<String> {
        let add = format!(
            "ALTER TABLE {} ADD COLUMN {} {}",
            quote(&table.name),
            quote(name),
            ty.postgres()
        );
        [Some(add), comment(table, name, label)]
            .into_iter()
            .flatten()
            .collect()
    }

    fn id_key(&mut self, table: &Table) -> Result<IdKey, PgError> {
        let pk: Vec<String> = self
            .client
            .query(
                "SELECT a.attname::text FROM pg_index i JOIN pg_attribute a \
                 ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                 WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary",
                &[&table.name],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        Ok(match pk.as_slice() {
            [] => IdKey::Missing,
            [id] if *id == table.id => IdKey::Primary,
            _ => IdKey::Other,
        })
    }

    /// The staging table of the upserts: the area table's columns and types, emptied at
    /// each commit.
    fn prepared(&mut self, table: &Table) -> Result<(), PgError> {
        Ok(self.client.batch_execute(&format!(
            "DROP TABLE IF EXISTS pg_temp.{STAGE}; \
             CREATE TEMP TABLE {STAGE} (LIKE {}) ON COMMIT DELETE ROWS",
            quote(&table.name)
        ))?)
    }

    fn read_state(&mut self, key: &StateKey) -> Result<Option<String>, PgError> {
        let row = self.client.query_opt(
            &format!("SELECT state::text FROM {STATE_TABLE} WHERE area = $1 AND site = $2"),
            &[&key.area, &key.site_column()],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    fn save_state(&mut self, key: &StateKey, json: &str) -> Result<(), PgError> {
        self.client.execute(
            &format!(
                "INSERT INTO {STATE_TABLE} (area, site, state, updated_at) VALUES ($1, $2, $3::text::jsonb, now()) \
                 ON CONFLICT (area, site) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at"
            ),
            &[&key.area, &key.site_column(), &json],
        )?;
        Ok(())
    }

    fn encode(&mut self, table: &Table, rows: &[Row]) {
        self.encode_batch(table, rows);
    }

    fn insert(&mut self, table: &Table, rows: &[Row], how: Insert<'_>) -> Result<(), PgError> {
        self.copy_batch(table, rows, how)
    }

    fn end_first_load(&mut self, table: &Table, key: bool, index: bool) -> Result<(), PgError> {
        self.keys(table, key, index)
    }

    fn fill_seen(&mut self, ids: &[i64]) -> Result<(), PgError> {
        self.client.batch_execute(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS {SEEN} (id bigint PRIMARY KEY) ON COMMIT DELETE ROWS"
        ))?;
        let copy = self
            .client
            .copy_in(&format!("COPY {SEEN} (id) FROM STDIN (FORMAT binary)"))?;
        let mut w = BinaryCopyInWriter::new(copy, &[Type::INT8]);
        for i in ids {
            w.write(&[i])?;
        }
        w.finish()?;
        Ok(())
    }

    fn unseen(t: &str, id: &str) -> String {
        format!("NOT EXISTS (SELECT 1 FROM {SEEN} s WHERE s.id = {t}.{id})")
    }

    fn id_in(id: &str) -> String {
        format!("{id} = ANY($1)")
    }

    /// The statement once, with the ids as an array.
    fn execute_ids(&mut self, sql: &str, ids: &[i64]) -> Result<u64, PgError> {
        Ok(self.client.execute(sql, &[&ids])?)
    }
}
