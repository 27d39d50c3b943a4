//! `Client.arrow`: an area's records as Arrow columns, built in Rust from the pages as they
//! come (each record a span of its page's text, made a row as the sync makes it), and
//! handed to pyarrow through the Arrow C data interface (`__arrow_c_array__`), without a
//! Python object per value.
//!
//! Column types: integer `int64`, float `float64`, decimal `decimal128(38, 9)`, bool `bool`,
//! datetime `timestamp[us, tz=UTC]`, date `date32`, text and JSON `string`, and `_extra`: a
//! JSON object of the properties the area does not declare (custom properties among them),
//! null when there are none. A value that does not fit its column is null, and counted.

use std::ffi::CString;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, Schema};
use l2l_sync::{Cell, ColumnType, Row, Table};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use crate::pages::PageQueue;

/// Decimal places of a decimal column.
const SCALE: i8 = 9;

/// One column being built.
enum Builder {
    Int(Int64Builder),
    Float(Float64Builder),
    Decimal(Decimal128Builder),
    Bool(BooleanBuilder),
    Timestamp(TimestampMicrosecondBuilder),
    Date(Date32Builder),
    Text(StringBuilder),
}

impl Builder {
    fn of(ty: ColumnType) -> Builder {
        match ty {
            ColumnType::Integer => Builder::Int(Int64Builder::new()),
            ColumnType::Float => Builder::Float(Float64Builder::new()),
            ColumnType::Numeric => Builder::Decimal(
                Decimal128Builder::new().with_data_type(DataType::Decimal128(38, SCALE)),
            ),
            ColumnType::Boolean => Builder::Bool(BooleanBuilder::new()),
            ColumnType::Timestamp => {
                Builder::Timestamp(TimestampMicrosecondBuilder::new().with_timezone("UTC"))
            }
            ColumnType::Date => Builder::Date(Date32Builder::new()),
            ColumnType::Text | ColumnType::Json => Builder::Text(StringBuilder::new()),
        }
    }

    /// Appends `cell`; false when it did not fit (a null is appended).
    fn push(&mut self, cell: &Cell) -> bool {
        let text = match cell {
            Cell::Text(s) => Some(s.as_str()),
            _ => None,
        };
        match (self, cell) {
            (Builder::Text(b), Cell::Null) => {
                b.append_null();
                true
            }
            (Builder::Text(b), c) => {
                b.append_value(c.as_text().unwrap_or_default());
                true
            }
            (b, Cell::Null) => {
                b.null();
                true
            }
            // An empty string is no value.
            (b, Cell::Text(s)) if s.trim().is_empty() => {
                b.null();
                true
            }
            (Builder::Int(b), Cell::Int(i)) => {
                b.append_value(*i);
                true
            }
            (Builder::Float(b), Cell::Float(f)) => {
                b.append_value(*f);
                true
            }
            (Builder::Float(b), Cell::Int(i)) => {
                b.append_value(*i as f64);
                true
            }
            (Builder::Bool(b), Cell::Bool(v)) => {
                b.append_value(*v);
                true
            }
            // A value that does not parse is null, and reported as not fitting.
            (Builder::Decimal(b), c) => {
                let d = decimal(c);
                b.append_option(d);
                d.is_some()
            }
            (Builder::Timestamp(b), _) => {
                let us = text.and_then(micros);
                b.append_option(us);
                us.is_some()
            }
            (Builder::Date(b), _) => {
                let d = text.and_then(days);
                b.append_option(d);
                d.is_some()
            }
            (b, _) => {
                b.null();
                false
            }
        }
    }

    fn null(&mut self) {
        match self {
            Builder::Int(b) => b.append_null(),
            Builder::Float(b) => b.append_null(),
            Builder::Decimal(b) => b.append_null(),
            Builder::Bool(b) => b.append_null(),
            Builder::Timestamp(b) => b.append_null(),
            Builder::Date(b) => b.append_null(),
            Builder::Text(b) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Decimal(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Timestamp(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
        }
    }
}

/// A decimal cell as the mantissa of [`SCALE`] decimal places.
fn decimal(cell: &Cell) -> Option<i128> {
    let text = match cell {
        Cell::Text(s) => s.trim().to_owned(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => f.to_string(),
        _ => return None,
    };
    let mut d: rust_decimal::Decimal = text.parse().ok()?;
    d.rescale(SCALE as u32);
    (d.scale() == SCALE as u32).then(|| d.mantissa())
}

/// L2L's datetime text (UTC) as microseconds since 1970.
fn micros(text: &str) -> Option<i64> {
    let dt: l2l_areas::DateTime = text.trim().parse().ok()?;
    let ts = jiff::tz::TimeZone::UTC.to_timestamp(dt.0).ok()?;
    Some(ts.as_microsecond())
}

/// A date (its first ten characters) as days since 1970.
fn days(text: &str) -> Option<i32> {
    let d: jiff::civil::Date = text.trim().get(..10)?.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    Some((d - epoch).get_days())
}

/// The columns of `table` and `_extra`, filled row by row.
pub struct Columns {
    table: Table,
    builders: Vec<Builder>,
    extra: StringBuilder,
    /// Per column: values that did not fit its type.
    misfits: Vec<u64>,
    /// Rows added.
    pub rows: u64,
}

impl Columns {
    /// Empty columns of `table`.
    pub fn new(table: Table) -> Columns {
        let builders = table.columns.iter().map(|c| Builder::of(c.ty)).collect();
        let misfits = vec![0; table.columns.len()];
        Columns {
            table,
            builders,
            extra: StringBuilder::new(),
            misfits,
            rows: 0,
        }
    }

    /// The table whose rows go in.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Adds one row.
    pub fn push(&mut self, row: &Row) {
        for (i, (b, cell)) in self.builders.iter_mut().zip(&row.cells).enumerate() {
            if !b.push(cell) {
                self.misfits[i] += 1;
            }
        }
        self.extra.append_option(row.extra.as_deref());
        self.rows += 1;
    }

    /// The columns whose values did not all fit, with how many did not.
    pub fn misfits(&self) -> Vec<(String, u64)> {
        self.table
            .columns
            .iter()
            .zip(&self.misfits)
            .filter(|(_, n)| **n > 0)
            .map(|(c, n)| (c.name.clone(), *n))
            .collect()
    }

    /// The columns as one record batch.
    pub fn finish(mut self) -> Result<RecordBatch, String> {
        let mut fields = Vec::with_capacity(self.builders.len() + 1);
        let mut arrays = Vec::with_capacity(self.builders.len() + 1);
        for (c, b) in self.table.columns.iter().zip(self.builders.iter_mut()) {
            let a = b.finish();
            fields.push(Field::new(
                &c.name,
                a.data_type().clone(),
                c.name != self.table.id,
            ));
            arrays.push(a);
        }
        fields.push(Field::new(l2l_sync::EXTRA, DataType::Utf8, true));
        arrays.push(Arc::new(self.extra.finish()));
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| e.to_string())
    }
}

/// A record batch that pyarrow imports (`pyarrow.record_batch(obj)`).
#[pyclass(module = "l2l", name = "ArrowBatch")]
pub struct ArrowBatch {
    batch: Option<RecordBatch>,
}

impl ArrowBatch {
    /// Wraps `batch`.
    pub fn new(batch: RecordBatch) -> ArrowBatch {
        ArrowBatch { batch: Some(batch) }
    }
}

#[pymethods]
impl ArrowBatch {
    /// The Arrow PyCapsule interface: the schema and the array of the batch (a struct
    /// array), each in its capsule. Taken once.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &mut self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let batch = self.batch.take().ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err("this batch was already taken")
        })?;
        let data = StructArray::from(batch).into_data();
        let (array, schema) = arrow_array::ffi::to_ffi(&data)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let schema = PyCapsule::new(py, schema, Some(c_name("arrow_schema")))?;
        let array = PyCapsule::new(py, array, Some(c_name("arrow_array")))?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }
}

fn c_name(name: &str) -> CString {
    CString::new(name).unwrap_or_default()
}

/// Reads every record of `q` (a declared `area`, `fields` of it or all) into columns, the
/// pages read side by side in Rust and made rows with the GIL released, Ctrl-C honoured
/// between waits; returns a `pyarrow.Table` (a warning names the columns with values that
/// did not fit).
pub fn read<'py>(
    py: Python<'py>,
    client: l2l_areas::Client,
    q: l2l_areas::Query,
    area: &'static l2l_areas::AreaSchema,
    fields: Option<&[String]>,
) -> PyResult<Bound<'py, PyAny>> {
    let pyarrow = py.import("pyarrow").map_err(|_| {
        pyo3::exceptions::PyImportError::new_err("client.arrow needs pyarrow: pip install pyarrow")
    })?;
    let mut table = Table::of(area);
    if let Some(f) = fields {
        let id = table.id.clone();
        table
            .columns
            .retain(|c| c.name == id || f.contains(&c.name));
    }
    let mut pages = PageQueue::<l2l_sync::PageRecord>::start(client, q, false);
    let mut cols = Columns::new(table);
    while let Some(records) = pages.next(py)? {
        py.detach(|| {
            records
                .iter()
                .try_for_each(|r| Row::from_record(cols.table(), r).map(|row| cols.push(&row)))
        })
        .map_err(|e| crate::errors::sync_to_py(py, e))?;
    }
    let misfits = cols.misfits();
    let batch = cols
        .finish()
        .map_err(pyo3::exceptions::PyValueError::new_err)?;
    if !misfits.is_empty() {
        let list: Vec<String> = misfits
            .iter()
            .map(|(c, n)| format!("`{c}` ({n})"))
            .collect();
        let warnings = py.import("warnings")?;
        warnings.call_method1(
            "warn",
            (format!(
                "values that do not fit their column's type are null: {}",
                list.join(", ")
            ),),
        )?;
    }
    let rb = pyarrow.call_method1("record_batch", (ArrowBatch::new(batch),))?;
    pyarrow
        .getattr("Table")?
        .call_method1("from_batches", (vec![rb],))
}
