//! One connection interface over SQLite and PostgreSQL, so that the register's SQL
//! is written once. Statements use SQLite's `?N` placeholders; the PostgreSQL
//! connection rewrites them to `$N`. Values cross the boundary as [`Param`]s in and
//! [`Value`]s out, so no store code names either driver's types.
//!
//! Where the two dialects differ the store asks [`Connection::dialect`]; everything
//! else is the common subset both engines run the same way (`ON CONFLICT`, `IS NOT
//! DISTINCT FROM`, `CAST(... AS BIGINT)`, `coalesce`). A new row's id comes from
//! [`Query::insert_id`].

mod postgres;
mod sqlite;

pub use self::postgres::PgConnection;

use crate::error::{Error, Result};

/// Which engine a connection talks to, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A value bound to a statement. Borrowed, so binding copies nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

/// A Rust value bound as a [`Param`], borrowed.
pub trait ToParam {
    fn to_param(&self) -> Param<'_>;
}

macro_rules! integer_params {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> Param<'_> {
                // Ids, counts and offsets: far below i64::MAX.
                Param::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}

integer_params!(i64, i32, u32, u64, usize);

impl ToParam for bool {
    fn to_param(&self) -> Param<'_> {
        Param::Int(i64::from(*self))
    }
}

impl ToParam for f64 {
    fn to_param(&self) -> Param<'_> {
        Param::Real(*self)
    }
}

impl ToParam for str {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl ToParam for String {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> Param<'_> {
        (**self).to_param()
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> Param<'_> {
        self.as_ref().map_or(Param::Null, ToParam::to_param)
    }
}

/// An owned value: the arguments of a statement built at run time (a listing's filters).
impl ToParam for Value {
    fn to_param(&self) -> Param<'_> {
        match self {
            Value::Null => Param::Null,
            Value::Int(v) => Param::Int(*v),
            Value::Real(v) => Param::Real(*v),
            Value::Text(s) => Param::Text(s),
        }
    }
}

impl Value {
    /// An owned copy of a bound value (for rows kept to insert later).
    pub fn from_param(param: &Param<'_>) -> Value {
        match *param {
            Param::Null => Value::Null,
            Param::Int(v) => Value::Int(v),
            Param::Real(v) => Value::Real(v),
            Param::Text(s) => Value::Text(s.to_string()),
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

/// Borrows owned arguments for a statement.
pub fn params_of(values: &[Value]) -> Vec<Param<'_>> {
    values.iter().map(ToParam::to_param).collect()
}

impl ToParam for Param<'_> {
    fn to_param(&self) -> Param<'_> {
        *self
    }
}

/// Binds a statement's arguments: `args![id, status.as_str(), note]`.
#[macro_export]
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        &[$($crate::store::sql::ToParam::to_param(&$value)),*] as &[$crate::store::sql::Param<'_>]
    };
}

/// A value read from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// One result row, read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub(super) Vec<Value>);

impl Row {
    /// Column `index` as `T`: a type mismatch is an error naming the column.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        let value = self.0.get(index).unwrap_or(&Value::Null);
        T::from_value(value).ok_or_else(|| {
            Error::Invalid(format!("column {index} holds {value:?}, unexpected here"))
        })
    }

    /// Column `index`'s text, taken out of the row without a copy.
    pub fn take_text(&mut self, index: usize) -> Option<String> {
        match self
            .0
            .get_mut(index)
            .map(|v| std::mem::replace(v, Value::Null))
        {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }
}

/// A Rust type a column converts to.
pub trait FromValue: Sized {
    fn from_value(value: &Value) -> Option<Self>;
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Option<Self> {
        Some(value.clone())
    }
}

impl FromValue for i64 {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Int(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromValue for u64 {
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|v| u64::try_from(v).ok())
    }
}

impl FromValue for usize {
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|v| usize::try_from(v).ok())
    }
}

impl FromValue for u32 {
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|v| u32::try_from(v).ok())
    }
}

impl FromValue for u8 {
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|v| u8::try_from(v).ok())
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).map(|v| v != 0)
    }
}

impl FromValue for f64 {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Real(v) => Some(*v),
            Value::Int(v) => Some(*v as f64),
            _ => None,
        }
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// A connection to a register's database, SQLite's or PostgreSQL's.
pub trait Connection {
    fn dialect(&self) -> Dialect;
    /// Runs one statement; returns how many rows it changed.
    fn execute(&self, sql: &str, args: &[Param<'_>]) -> Result<u64>;
    /// Runs one query, calling `each` with every row in turn. Rows stream: a query
    /// over a million claims runs in flat memory, and `each` may query the
    /// connection again (but not begin a write).
    fn for_each_row(
        &self,
        sql: &str,
        args: &[Param<'_>],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()>;
    /// Runs one query and returns all its rows at once: for results the caller
    /// keeps whole anyway (one round trip on PostgreSQL, where streaming costs
    /// four).
    fn rows(&self, sql: &str, args: &[Param<'_>]) -> Result<Vec<Row>>;
    /// Runs statements without arguments, separated by `;` (schema, BEGIN, COMMIT).
    fn execute_batch(&self, sql: &str) -> Result<()>;
    /// Whether a transaction is open on this connection.
    fn in_transaction(&self) -> bool;
    /// Begins a transaction that holds the register's write lock from its first
    /// statement: SQLite's `BEGIN IMMEDIATE`; on PostgreSQL a transaction-scoped
    /// advisory lock. Writers queue here, *before* they read what they change, so
    /// no update is ever lost and no writer ever needs retrying.
    fn begin_write(&self) -> Result<()>;
}

/// Queries and transactions over any [`Connection`] (a transaction included).
pub trait Query: Connection {
    /// The rows of a query, each mapped by `map`.
    fn query<T>(
        &self,
        sql: &str,
        args: &[Param<'_>],
        map: impl FnMut(Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.rows(sql, args)?.into_iter().map(map).collect()
    }

    /// The first row of a query mapped by `map`, or `None` when it has none.
    fn query_opt<T>(
        &self,
        sql: &str,
        args: &[Param<'_>],
        map: impl FnOnce(Row) -> Result<T>,
    ) -> Result<Option<T>> {
        self.rows(sql, args)?
            .into_iter()
            .next()
            .map(map)
            .transpose()
    }

    /// Inserts one row and returns its `id`. `insert` has no `RETURNING` clause:
    /// SQLite runs `RETURNING` as a trigger, which gives each insert a statement
    /// journal (every page it changes copied to memory, then freed and the heap
    /// trimmed), so there the id is the connection's last inserted rowid.
    fn insert_id(&self, insert: &str, args: &[Param<'_>]) -> Result<i64> {
        match self.dialect() {
            Dialect::Sqlite => {
                self.execute(insert, args)?;
                self.query_value("SELECT last_insert_rowid()", &[])
            }
            Dialect::Postgres => self.query_value(&format!("{insert} RETURNING id"), args),
        }
    }

    /// The first column of the first row, which must exist (a count).
    fn query_value<T: FromValue>(&self, sql: &str, args: &[Param<'_>]) -> Result<T> {
        self.query_opt(sql, args, |row| row.get(0))?
            .ok_or_else(|| Error::Invalid(format!("no row from: {sql}")))
    }
}

impl<C: Connection + ?Sized> Query for C {}

impl dyn Connection + '_ {
    /// Begins a write transaction (see [`Connection::begin_write`]); it rolls back
    /// when dropped uncommitted.
    pub fn write(&self) -> Result<Tx<'_>> {
        self.begin_write()?;
        Ok(Tx {
            conn: self,
            open: true,
        })
    }
}

/// An open write transaction.
pub struct Tx<'c> {
    conn: &'c dyn Connection,
    open: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        self.conn.execute_batch("COMMIT")
    }
}

/// A transaction is a connection: helpers take `&dyn Connection` and run inside
/// whatever transaction their caller holds.
impl Connection for Tx<'_> {
    fn dialect(&self) -> Dialect {
        self.conn.dialect()
    }

    fn execute(&self, sql: &str, args: &[Param<'_>]) -> Result<u64> {
        self.conn.execute(sql, args)
    }

    fn for_each_row(
        &self,
        sql: &str,
        args: &[Param<'_>],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        self.conn.for_each_row(sql, args, each)
    }

    fn rows(&self, sql: &str, args: &[Param<'_>]) -> Result<Vec<Row>> {
        self.conn.rows(sql, args)
    }

    fn execute_batch(&self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql)
    }

    fn in_transaction(&self) -> bool {
        self.conn.in_transaction()
    }

    fn begin_write(&self) -> Result<()> {
        Err(Error::Invalid("a write transaction is open already".into()))
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open && self.conn.in_transaction() {
            // Nothing to report: the failure that dropped us is the caller's error.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}
