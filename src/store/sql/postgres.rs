//! [`Connection`] over the `postgres` crate (a synchronous client of the wire
//! protocol): statements are prepared once per connection and cached, `?N`
//! placeholders become `$N`.

use super::{Connection, Dialect, Param, Row, Value};
use crate::error::{Error, Result};
use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use std::cell::RefCell;
use std::collections::HashMap;

/// Statements kept prepared per connection; listings build their SQL from the
/// filters, so the cache is bounded.
const STATEMENT_CACHE: usize = 256;

/// Rows a streamed query fetches per round trip: an export of a million claims
/// holds one page in memory, not the million.
const PAGE_ROWS: usize = 500;

/// A PostgreSQL connection.
pub struct PgConnection {
    inner: RefCell<Inner>,
}

struct Inner {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    in_transaction: bool,
    /// Cursors open on this connection: a streamed query inside another's rows
    /// gets the next name.
    cursors: usize,
    /// Whether the open transaction is a streamed query's own read-only one,
    /// which a write must not join (its commit would close the cursor).
    reading: bool,
}

/// A streamed query's cursor (see [`PgConnection::for_each_row`]).
struct Cursor {
    name: String,
    /// The statement that declared it: the key its FETCH is cached under, since
    /// a prepared FETCH carries the columns of the query it was prepared for.
    declare: String,
    own_transaction: bool,
}

/// The advisory lock every write transaction takes first: the register's one
/// write lock, as SQLite's `BEGIN IMMEDIATE` is (see [`Connection::begin_write`]).
pub const WRITE_LOCK: i64 = 0x636c_6169_6d74; // "claimt"

impl PgConnection {
    pub fn new(client: postgres::Client) -> Self {
        PgConnection {
            inner: RefCell::new(Inner {
                client,
                statements: HashMap::new(),
                in_transaction: false,
                cursors: 0,
                reading: false,
            }),
        }
    }

    fn inner(&self) -> Result<std::cell::RefMut<'_, Inner>> {
        self.inner.try_borrow_mut().map_err(|_| {
            Error::Invalid("a query was started while another one was still being read".into())
        })
    }
}

impl Inner {
    fn prepare(&mut self, sql: &str) -> Result<postgres::Statement> {
        self.prepare_as(sql, || dollar_placeholders(sql))
    }

    /// Prepares the statement `text()` once, cached under `key`.
    fn prepare_as(
        &mut self,
        key: &str,
        text: impl FnOnce() -> String,
    ) -> Result<postgres::Statement> {
        if let Some(statement) = self.statements.get(key) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(&text())?;
        if self.statements.len() >= STATEMENT_CACHE {
            self.statements.clear();
        }
        self.statements.insert(key.to_string(), statement.clone());
        Ok(statement)
    }
}

/// Streamed queries read through a cursor, a page of rows per round trip; between
/// pages the connection is free, so the caller may query it for each row (an
/// export asks for each claim's review context), which the wire protocol cannot
/// do while a result is still arriving. A cursor lives in a transaction: the
/// caller's, else a read-only one of its own.
impl PgConnection {
    fn declare(&self, sql: &str, args: &[Param<'_>]) -> Result<Cursor> {
        let mut inner = self.inner()?;
        let own_transaction = !inner.in_transaction;
        if own_transaction {
            inner.client.batch_execute("BEGIN READ ONLY")?;
            inner.in_transaction = true;
            inner.reading = true;
        }
        inner.cursors += 1;
        let name = format!("claimtrack_rows_{}", inner.cursors);
        let cursor = Cursor {
            declare: format!("DECLARE {name} NO SCROLL CURSOR FOR {sql}"),
            name,
            own_transaction,
        };
        let declared = inner.prepare(&cursor.declare).and_then(|statement| {
            let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
            Ok(inner.client.execute(&statement, &params)?)
        });
        drop(inner);
        match declared {
            Ok(_) => Ok(cursor),
            Err(err) => {
                let _ = self.close(cursor); // the error that matters is the query's
                Err(err)
            }
        }
    }

    fn fetch_all(&self, cursor: &Cursor, each: &mut dyn FnMut(Row) -> Result<()>) -> Result<()> {
        loop {
            let page = {
                let mut inner = self.inner()?;
                let fetch = inner.prepare_as(&format!("{}\n-- fetch", cursor.declare), || {
                    format!("FETCH FORWARD {PAGE_ROWS} FROM {}", cursor.name)
                })?;
                inner.client.query(&fetch, &[])?
            };
            for row in &page {
                each(read_row(row)?)?;
            }
            if page.len() < PAGE_ROWS {
                return Ok(());
            }
        }
    }

    fn close(&self, cursor: Cursor) -> Result<()> {
        let mut inner = self.inner()?;
        inner.cursors -= 1;
        if !cursor.own_transaction {
            return Ok(inner
                .client
                .batch_execute(&format!("CLOSE {}", cursor.name))?);
        }
        inner.in_transaction = false;
        inner.reading = false;
        Ok(inner.client.batch_execute("COMMIT")?)
    }
}

/// Rewrites SQLite's `?N` and `?` placeholders as PostgreSQL's `$N`, leaving
/// string literals, quoted names and comments alone.
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 1u32;
    let mut chars = sql.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                let number = digits.parse().unwrap_or(next);
                next = next.max(number + 1);
                out.push('$');
                out.push_str(&number.to_string());
            }
            '-' if chars.peek().is_some_and(|&(_, d)| d == '-') => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                Type::FLOAT8 => (v as f64).to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            Param::Real(v) => match *ty {
                Type::FLOAT4 => (v as f32).to_sql(ty, out),
                Type::FLOAT8 => v.to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            Param::Text(s) => match *ty {
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.parse::<i32>()?.to_sql(ty, out),
                _ => s.to_sql(&Type::TEXT, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn read_row(row: &postgres::Row) -> Result<Row> {
    let mut values = Vec::with_capacity(row.len());
    for (index, column) in row.columns().iter().enumerate() {
        let value = match *column.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(index)?.map(Value::Int),
            Type::INT4 => row
                .try_get::<_, Option<i32>>(index)?
                .map(|v| Value::Int(v.into())),
            Type::INT2 => row
                .try_get::<_, Option<i16>>(index)?
                .map(|v| Value::Int(v.into())),
            Type::BOOL => row
                .try_get::<_, Option<bool>>(index)?
                .map(|v| Value::Int(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(index)?.map(Value::Real),
            Type::FLOAT4 => row
                .try_get::<_, Option<f32>>(index)?
                .map(|v| Value::Real(v.into())),
            _ => row.try_get::<_, Option<String>>(index)?.map(Value::Text),
        };
        values.push(value.unwrap_or(Value::Null));
    }
    Ok(Row(values))
}

impl Connection for PgConnection {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, args: &[Param<'_>]) -> Result<u64> {
        let mut inner = self.inner()?;
        let statement = inner.prepare(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
        Ok(inner.client.execute(&statement, &params)?)
    }

    fn for_each_row(
        &self,
        sql: &str,
        args: &[Param<'_>],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let cursor = self.declare(sql, args)?;
        let read = self.fetch_all(&cursor, each);
        let closed = self.close(cursor);
        read.and(closed)
    }

    fn rows(&self, sql: &str, args: &[Param<'_>]) -> Result<Vec<Row>> {
        let mut inner = self.inner()?;
        let statement = inner.prepare(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
        let rows = inner.client.query(&statement, &params)?;
        rows.iter().map(read_row).collect()
    }

    fn execute_batch(&self, sql: &str) -> Result<()> {
        let mut inner = self.inner()?;
        let head = sql
            .trim_start()
            .get(..8)
            .unwrap_or(sql)
            .to_ascii_uppercase();
        let result = inner.client.batch_execute(sql);
        if head.starts_with("BEGIN") || head.starts_with("START") {
            inner.in_transaction = result.is_ok();
        } else if head.starts_with("COMMIT") || head.starts_with("ROLLBACK") {
            inner.in_transaction = false;
        }
        Ok(result?)
    }

    fn in_transaction(&self) -> bool {
        self.inner
            .try_borrow()
            .is_ok_and(|inner| inner.in_transaction)
    }

    fn begin_write(&self) -> Result<()> {
        if self.inner()?.reading {
            return Err(Error::Invalid(
                "a write was begun while a query's rows were being read".into(),
            ));
        }
        self.execute_batch(&format!(
            "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::dollar_placeholders;

    #[test]
    fn placeholders_are_numbered_outside_literals() {
        assert_eq!(
            dollar_placeholders("SELECT '?' , ?2, ? FROM t WHERE a = ? -- ?\n AND \"?\" = ?1"),
            "SELECT '?' , $2, $3 FROM t WHERE a = $4 -- ?\n AND \"?\" = $1"
        );
    }
}
