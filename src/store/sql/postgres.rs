//! [`Connection`] over the `postgres` crate (a synchronous client of the wire
//! protocol): statements are prepared once per connection and cached, `?N`
//! placeholders become `$N`.

use super::{Connection, Dialect, Param, Row, Value};
use crate::error::{Error, Result};
use bytes::BytesMut;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use std::cell::RefCell;
use std::collections::HashMap;

/// Statements kept prepared per connection; listings build their SQL from the
/// filters, so the cache is bounded.
const STATEMENT_CACHE: usize = 256;

/// A PostgreSQL connection.
pub struct PgConnection {
    inner: RefCell<Inner>,
}

struct Inner {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    in_transaction: bool,
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
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(&dollar_placeholders(sql))?;
        if self.statements.len() >= STATEMENT_CACHE {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
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
        // The rows are read whole before `each` sees the first: `each` may query
        // this connection again (an export asks for each claim's review context),
        // which the wire protocol cannot do while a result is still streaming.
        let rows = {
            let mut inner = self.inner()?;
            let statement = inner.prepare(sql)?;
            inner
                .client
                .query_raw(&statement, args.iter())?
                .collect::<Vec<_>>()?
        };
        for row in rows {
            each(read_row(&row)?)?;
        }
        Ok(())
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
