//! The review queue's state and what each key does to it and to the register.
//! Every action is committed when its key is pressed: quitting, or a crash, loses
//! nothing. Drawing is `view.rs`'s job; the terminal is `mod.rs`'s.

use crate::error::{Error, Result};
use crate::model::Status;
use crate::store::{ClaimDetail, ClaimFilter, Register};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The claim on screen, with the sentences around it.
pub struct Shown {
    pub detail: ClaimDetail,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The newest history row when the claim was loaded: another reviewer's change
    /// since then adds one.
    newest_event: Option<i64>,
}

/// What the keys currently type into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Note(String),
    Search(String),
    Help,
}

/// A status change this session made, to be undone by `u`.
struct Done {
    claim_id: i64,
    before: Status,
    after: Status,
}

pub struct App {
    filter: ClaimFilter,
    reviewer: String,
    queue: Vec<i64>,
    at: usize,
    pub shown: Option<Shown>,
    pub mode: Mode,
    /// One line of feedback: what the last key did, or why it did nothing.
    pub message: String,
    done: Vec<Done>,
    pub reviewed: usize,
    pub quit: bool,
}

/// The status each one-key verdict sets.
pub const STATUS_KEYS: [(char, &str); 5] = [
    ('v', "verified"),
    ('f', "false"),
    ('m', "misleading"),
    ('i', "inconclusive"),
    ('p', "in-progress"),
];

impl App {
    /// The queue of claims the filter lets through, at its first claim.
    pub fn new(store: &impl Register, filter: ClaimFilter, reviewer: String) -> Result<App> {
        let mut app = App {
            filter,
            reviewer,
            queue: Vec::new(),
            at: 0,
            shown: None,
            mode: Mode::Browse,
            message: String::new(),
            done: Vec::new(),
            reviewed: 0,
            quit: false,
        };
        app.reload_queue(store)?;
        Ok(app)
    }

    /// (position, length) of the queue: "3 of 20".
    pub fn position(&self) -> (usize, usize) {
        (self.at + 1, self.queue.len())
    }

    pub fn search(&self) -> Option<&str> {
        self.filter.search.as_deref()
    }

    pub fn reviewer(&self) -> Option<&str> {
        Some(&self.reviewer)
    }

    fn reload_queue(&mut self, store: &impl Register) -> Result<()> {
        self.queue = store.claims(&self.filter)?.iter().map(|c| c.id).collect();
        self.at = 0;
        self.load(store)
    }

    /// Reads the claim at the cursor afresh (or nothing past the queue's end).
    fn load(&mut self, store: &impl Register) -> Result<()> {
        self.shown = match self.queue.get(self.at) {
            Some(&id) => Some(load_claim(store, id)?),
            None => None,
        };
        Ok(())
    }

    /// Handles one key press.
    pub fn on_key(&mut self, store: &mut impl Register, key: KeyEvent) -> Result<()> {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return Ok(());
        }
        match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Browse => self.on_browse_key(store, key),
            Mode::Help => Ok(()), // any key closes the help
            Mode::Note(text) => self.on_note_key(store, key, text),
            Mode::Search(text) => self.on_search_key(store, key, text),
        }
    }

    fn on_browse_key(&mut self, store: &mut impl Register, key: KeyEvent) -> Result<()> {
        self.message.clear();
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Char('s') | KeyCode::Right | KeyCode::Char(' ') => self.step(store, 1)?,
            KeyCode::Left | KeyCode::Char('b') => self.step(store, -1)?,
            KeyCode::Char('u') => self.undo(store)?,
            KeyCode::Char('n') if self.shown.is_some() => self.mode = Mode::Note(String::new()),
            KeyCode::Char('/') => {
                self.mode = Mode::Search(self.filter.search.clone().unwrap_or_default())
            }
            KeyCode::Char(c) => match STATUS_KEYS.iter().find(|(k, _)| *k == c) {
                Some(&(_, name)) => self.set_status(store, status_named(name))?,
                None => self.message = format!("'{c}' does nothing here: ? lists the keys"),
            },
            _ => {}
        }
        Ok(())
    }

    fn step(&mut self, store: &impl Register, by: isize) -> Result<()> {
        let last = self.queue.len(); // one past the end: "queue done"
        let target = self.at.saturating_add_signed(by).min(last);
        if target == self.at {
            self.message = if by < 0 {
                "this is the first claim".into()
            } else {
                "end of the queue: q quits, ← goes back".into()
            };
            return Ok(());
        }
        self.at = target;
        self.load(store)
    }

    /// Sets the status of the claim on screen, unless someone changed it since it
    /// was shown: then it is shown again as it is now, and the key does nothing.
    fn set_status(&mut self, store: &mut impl Register, status: Status) -> Result<()> {
        let Some(id) = self.shown.as_ref().map(|s| s.detail.claim.id) else {
            return Ok(());
        };
        if self.changed_meanwhile(store)? {
            return Ok(());
        }
        let changes = store.mark(&[id], &status, None, &self.reviewer)?;
        for change in changes {
            self.message = format!("claim {}: {} → {}", change.claim_id, change.old, change.new);
            self.done.push(Done {
                claim_id: change.claim_id,
                before: change.old,
                after: change.new,
            });
        }
        self.reviewed += 1;
        self.at += 1;
        self.load(store)
    }

    /// Whether the claim on screen changed in the register since it was loaded;
    /// if so it is reloaded and the message says so.
    fn changed_meanwhile(&mut self, store: &impl Register) -> Result<bool> {
        let Some(shown) = &self.shown else {
            return Ok(false);
        };
        let id = shown.detail.claim.id;
        let now = store.claim(id)?.ok_or(Error::UnknownClaim(id))?;
        let newest = newest_event(store, id)?;
        if now.status == shown.detail.claim.status
            && now.text == shown.detail.claim.text
            && newest == shown.newest_event
        {
            return Ok(false);
        }
        self.shown = Some(load_claim(store, id)?);
        self.message = format!(
            "claim {id} was changed meanwhile (now {}): see its history, then press the key again",
            now.status
        );
        Ok(true)
    }

    /// Undoes this session's last status change with a new history row that
    /// sets the status back (history is append-only), and shows that claim.
    fn undo(&mut self, store: &mut impl Register) -> Result<()> {
        let Some(last) = self.done.pop() else {
            self.message = "nothing to undo".into();
            return Ok(());
        };
        let now = store
            .claim(last.claim_id)?
            .ok_or(Error::UnknownClaim(last.claim_id))?;
        if now.status != last.after {
            self.message = format!(
                "claim {} is {} now, not {}: changed by someone else, not undone",
                last.claim_id, now.status, last.after
            );
            return Ok(());
        }
        store.mark(&[last.claim_id], &last.before, Some("undo"), &self.reviewer)?;
        self.reviewed = self.reviewed.saturating_sub(1);
        if let Some(at) = self.queue.iter().position(|&id| id == last.claim_id) {
            self.at = at;
        }
        self.load(store)?;
        self.message = format!(
            "claim {}: undone, {} → {} (a new history row)",
            last.claim_id, last.after, last.before
        );
        Ok(())
    }

    fn on_note_key(
        &mut self,
        store: &mut impl Register,
        key: KeyEvent,
        mut text: String,
    ) -> Result<()> {
        match key.code {
            KeyCode::Esc => self.message = "note not added".into(),
            KeyCode::Enter if text.trim().is_empty() => {
                self.message = "empty note not added".into()
            }
            KeyCode::Enter => {
                if let Some(id) = self.shown.as_ref().map(|s| s.detail.claim.id) {
                    store.note(id, text.trim(), &self.reviewer)?;
                    self.load(store)?;
                    self.message = format!("claim {id}: note added");
                }
            }
            code => {
                edit_line(&mut text, code);
                self.mode = Mode::Note(text);
            }
        }
        Ok(())
    }

    fn on_search_key(
        &mut self,
        store: &mut impl Register,
        key: KeyEvent,
        mut text: String,
    ) -> Result<()> {
        match key.code {
            KeyCode::Esc => {}
            KeyCode::Enter if text.trim().is_empty() => {
                self.filter.search = None;
                self.reload_queue(store)?;
                self.message = format!("search cleared: {} claims", self.queue.len());
            }
            KeyCode::Enter => match crate::store::search_expression(&text) {
                Ok(_) => {
                    self.filter.search = Some(text);
                    self.reload_queue(store)?;
                    self.message = format!("{} claims match", self.queue.len());
                }
                Err(why) => {
                    self.message = why;
                    self.mode = Mode::Search(text);
                }
            },
            code => {
                edit_line(&mut text, code);
                self.mode = Mode::Search(text);
            }
        }
        Ok(())
    }
}

/// A one-line text field: typing appends, Backspace removes the last character.
/// Bounded, as every input is: a note is a sentence or two, not an article.
fn edit_line(text: &mut String, code: KeyCode) {
    const MAX_CHARS: usize = 2000;
    match code {
        KeyCode::Char(c) if text.chars().count() < MAX_CHARS => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        _ => {}
    }
}

fn load_claim(store: &impl Register, id: i64) -> Result<Shown> {
    let detail = store.claim_detail(id)?;
    let (before, after) = crate::cli::show::context(&detail);
    let (before, after) = (before.map(str::to_string), after.map(str::to_string));
    Ok(Shown {
        newest_event: detail.history.first().map(|r| r.id),
        detail,
        before,
        after,
    })
}

fn newest_event(store: &impl Register, id: i64) -> Result<Option<i64>> {
    Ok(store.history(Some(id), Some(1))?.first().map(|r| r.id))
}

/// A default status by name (the one-key verdicts name only default statuses,
/// which every register has).
fn status_named(name: &str) -> Status {
    name.parse()
        .unwrap_or_else(|_| unreachable!("{name} is a default status"))
}
