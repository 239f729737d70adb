//! The review queue's state and what each key does to it and to the register.
//! Every action is committed when its key is pressed: quitting, or a crash, loses
//! nothing. Drawing is `view.rs`'s job; the terminal is `mod.rs`'s.

use crate::error::{Error, Result};
use crate::model::{Status, StatusDef};
use crate::store::{ClaimDetail, ClaimFilter, Correction, Field, Store};
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
    /// The claim's speaker, as it should read (`e`).
    Speaker(String),
    /// Why the claim is not a claim (`d`).
    Dismiss(String),
    Search(String),
    Help,
}

/// A status change this session made, to be undone by `u`.
struct Done {
    claim_id: i64,
    action: Action,
}

/// An action of this session, with what `u` needs to set things back.
enum Action {
    Status { before: Status, after: Status },
    Speaker { before: Option<String> },
    Dismiss,
    Assign { before: Option<String> },
}

pub struct App {
    filter: ClaimFilter,
    reviewer: String,
    /// The one-key verdicts: the register's statuses that take new marks.
    status_keys: Vec<(char, Status)>,
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

/// The keys of the default verdicts, which every new register has.
pub const STATUS_KEYS: [(char, &str); 5] = [
    ('v', "verified"),
    ('f', "false"),
    ('m', "misleading"),
    ('i', "inconclusive"),
    ('p', "in-progress"),
];

/// Keys that do something else (space skips).
const ACTION_KEYS: &str = "qsbuneda/? ";

/// A key for each status a reviewer can set: the defaults keep theirs; the
/// register's own statuses get a free letter of their name, else the next free
/// letter, else a digit. Retired statuses take no new marks, so get no key;
/// nor does `unverified`, where claims start (`u` undoes a verdict).
pub fn status_keys(statuses: &[StatusDef]) -> Vec<(char, Status)> {
    let live = |name: &str| {
        statuses
            .iter()
            .find(|d| d.name.as_str() == name && !d.retired)
    };
    let mut keys: Vec<(char, Status)> = STATUS_KEYS
        .iter()
        .filter_map(|&(key, name)| live(name).map(|d| (key, d.name.clone())))
        .collect();
    let mut taken: Vec<char> = ACTION_KEYS
        .chars()
        .chain(STATUS_KEYS.iter().map(|&(key, _)| key))
        .collect();
    let others = statuses.iter().filter(|d| {
        !d.retired
            && d.name.as_str() != "unverified"
            && !STATUS_KEYS.iter().any(|&(_, name)| name == d.name.as_str())
    });
    for def in others {
        let name = def.name.as_str().to_lowercase();
        let free = name
            .chars()
            .filter(char::is_ascii_lowercase)
            .chain('a'..='z')
            .chain('1'..='9')
            .find(|c| !taken.contains(c));
        if let Some(key) = free {
            taken.push(key);
            keys.push((key, def.name.clone()));
        }
    }
    keys
}

impl App {
    /// The queue of claims the filter lets through, at its first claim.
    pub fn new(store: &Store, filter: ClaimFilter, reviewer: String) -> Result<App> {
        let mut app = App {
            filter,
            reviewer,
            status_keys: status_keys(&store.statuses()?),
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

    /// The one-key verdicts of this register, in the order the footer lists them.
    pub fn status_keys(&self) -> &[(char, Status)] {
        &self.status_keys
    }

    fn reload_queue(&mut self, store: &Store) -> Result<()> {
        self.queue = store.claims(&self.filter)?.iter().map(|c| c.id).collect();
        self.at = 0;
        self.load(store)
    }

    /// Reads the claim at the cursor afresh (or nothing past the queue's end).
    fn load(&mut self, store: &Store) -> Result<()> {
        self.shown = match self.queue.get(self.at) {
            Some(&id) => Some(load_claim(store, id)?),
            None => None,
        };
        Ok(())
    }

    /// Handles one key press.
    pub fn on_key(&mut self, store: &mut Store, key: KeyEvent) -> Result<()> {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return Ok(());
        }
        let outcome = match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Browse => self.on_browse_key(store, key),
            Mode::Help => Ok(()), // any key closes the help
            Mode::Note(text) => self.on_prompt_key(store, key, text, Mode::Note),
            Mode::Speaker(text) => self.on_prompt_key(store, key, text, Mode::Speaker),
            Mode::Dismiss(text) => self.on_prompt_key(store, key, text, Mode::Dismiss),
            Mode::Search(text) => self.on_search_key(store, key, text),
        };
        // The register's refusals (a status retired meanwhile, a claim published
        // meanwhile) are the reviewer's to read, not a reason to leave the screen.
        match outcome {
            Err(Error::Invalid(why)) => {
                self.message = why;
                Ok(())
            }
            other => other,
        }
    }

    fn on_browse_key(&mut self, store: &mut Store, key: KeyEvent) -> Result<()> {
        self.message.clear();
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Char('s') | KeyCode::Right | KeyCode::Char(' ') => self.step(store, 1)?,
            KeyCode::Left | KeyCode::Char('b') => self.step(store, -1)?,
            KeyCode::Char('u') => self.undo(store)?,
            KeyCode::Char('n') if self.shown.is_some() => self.mode = Mode::Note(String::new()),
            KeyCode::Char('e') if self.unlocked("edit") => {
                let speaker = self
                    .shown
                    .as_ref()
                    .and_then(|s| s.detail.claim.speaker.clone());
                self.mode = Mode::Speaker(speaker.unwrap_or_default());
            }
            KeyCode::Char('d') if self.unlocked("dismiss") => {
                self.mode = Mode::Dismiss(String::new())
            }
            KeyCode::Char('a') => self.assign_to_me(store)?,
            KeyCode::Char('/') => {
                self.mode = Mode::Search(self.filter.search.clone().unwrap_or_default())
            }
            KeyCode::Char(c) => match self.status_keys.iter().find(|(k, _)| *k == c).cloned() {
                Some((_, status)) if self.unlocked("mark") => self.set_status(store, status)?,
                Some(_) => {}
                None if "eda".contains(c) => {}
                None => self.message = format!("'{c}' does nothing here: ? lists the keys"),
            },
            _ => {}
        }
        Ok(())
    }

    /// Whether the claim on screen may be changed by `action`: a published claim
    /// is locked (as `claimtrack mark`, `edit` and `dismiss` refuse it), and the
    /// message names the command that unlocks it. With no claim on screen, no.
    fn unlocked(&mut self, action: &str) -> bool {
        let Some(claim) = self.shown.as_ref().map(|s| &s.detail.claim) else {
            return false;
        };
        if claim.published.is_some() {
            self.message = format!(
                "claim {id} is published and locked: `claimtrack reopen {id} --reason TEXT` unlocks it before a {action}",
                id = claim.id
            );
            return false;
        }
        true
    }

    fn step(&mut self, store: &Store, by: isize) -> Result<()> {
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
    fn set_status(&mut self, store: &mut Store, status: Status) -> Result<()> {
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
                action: Action::Status {
                    before: change.old,
                    after: change.new,
                },
            });
        }
        self.reviewed += 1;
        self.at += 1;
        self.load(store)
    }

    /// Whether the claim on screen changed in the register since it was loaded;
    /// if so it is reloaded and the message says so.
    fn changed_meanwhile(&mut self, store: &Store) -> Result<bool> {
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
    fn undo(&mut self, store: &mut Store) -> Result<()> {
        let Some(last) = self.done.pop() else {
            self.message = "nothing to undo".into();
            return Ok(());
        };
        let id = last.claim_id;
        let now = store.claim(id)?.ok_or(Error::UnknownClaim(id))?;
        let undone = match &last.action {
            Action::Status { after, .. } if now.status != *after => {
                self.message = format!(
                    "claim {id} is {} now, not {after}: changed by someone else, not undone",
                    now.status
                );
                return Ok(());
            }
            Action::Status { before, after } => {
                store.mark(&[id], before, Some("undo"), &self.reviewer)?;
                format!("{after} → {before}")
            }
            Action::Speaker { before } => {
                let correction = Correction {
                    field: Field::Speaker,
                    value: before.clone(),
                };
                store.edit(id, &[correction], Some("undo"), &self.reviewer)?;
                format!(
                    "speaker back to “{}”",
                    before.as_deref().unwrap_or("(none)")
                )
            }
            Action::Dismiss => {
                store.undismiss(&[id], &self.reviewer)?;
                "dismissal taken back".to_string()
            }
            Action::Assign { before } => {
                store.assign(&[id], before.as_deref(), &self.reviewer)?;
                format!("given back to {}", before.as_deref().unwrap_or("nobody"))
            }
        };
        if matches!(last.action, Action::Status { .. } | Action::Dismiss) {
            self.reviewed = self.reviewed.saturating_sub(1);
        }
        if matches!(last.action, Action::Dismiss) {
            self.reload_queue(store)?;
        }
        if let Some(at) = self.queue.iter().position(|&queued| queued == id) {
            self.at = at;
        }
        self.load(store)?;
        self.message = format!("claim {id}: undone, {undone} (a new history row)");
        Ok(())
    }

    /// A key typed into a prompt about the claim on screen (`n`, `e`, `d`):
    /// Enter applies it, Esc cancels, anything else edits the line.
    fn on_prompt_key(
        &mut self,
        store: &mut Store,
        key: KeyEvent,
        mut text: String,
        mode: fn(String) -> Mode,
    ) -> Result<()> {
        let what = match mode(String::new()) {
            Mode::Speaker(_) => "speaker",
            Mode::Dismiss(_) => "reason",
            _ => "note",
        };
        match key.code {
            KeyCode::Esc => self.message = format!("{what} not changed"),
            KeyCode::Enter if text.trim().is_empty() => {
                self.message = format!("empty {what}: nothing changed")
            }
            KeyCode::Enter => match crate::cli::reviewer::typed_text(&text, what) {
                Err(why) => self.message = why.to_string(),
                // The prompt closes: the message says why, and the claim as it is now shows.
                Ok(_) if self.changed_meanwhile(store)? => {}
                Ok(text) => match mode(text) {
                    Mode::Speaker(speaker) => self.edit_speaker(store, &speaker)?,
                    Mode::Dismiss(reason) => self.dismiss(store, &reason)?,
                    Mode::Note(note) => self.add_note(store, &note)?,
                    _ => {}
                },
            },
            code => {
                edit_line(&mut text, code);
                self.mode = mode(text);
            }
        }
        Ok(())
    }

    fn shown_id(&self) -> Option<i64> {
        self.shown.as_ref().map(|s| s.detail.claim.id)
    }

    fn add_note(&mut self, store: &mut Store, note: &str) -> Result<()> {
        if let Some(id) = self.shown_id() {
            store.note(id, note, &self.reviewer)?;
            self.load(store)?;
            self.message = format!("claim {id}: note added");
        }
        Ok(())
    }

    /// `e`: the same correction as `claimtrack edit ID --speaker TEXT`.
    fn edit_speaker(&mut self, store: &mut Store, speaker: &str) -> Result<()> {
        let Some(id) = self.shown_id() else {
            return Ok(());
        };
        let correction = Correction {
            field: Field::Speaker,
            value: Some(speaker.to_string()),
        };
        let before = self
            .shown
            .as_ref()
            .and_then(|s| s.detail.claim.speaker.clone());
        let changes = store.edit(id, &[correction], None, &self.reviewer)?;
        if !changes.is_empty() {
            self.done.push(Done {
                claim_id: id,
                action: Action::Speaker { before },
            });
        }
        self.load(store)?;
        self.message = match changes.first() {
            Some(_) => format!("claim {id}: speaker is now “{speaker}”"),
            None => format!("claim {id}: the speaker was “{speaker}” already"),
        };
        Ok(())
    }

    /// `d`: the same as `claimtrack dismiss ID --reason TEXT`; the claim leaves
    /// the queue, so the next one is shown.
    fn dismiss(&mut self, store: &mut Store, reason: &str) -> Result<()> {
        let Some(id) = self.shown_id() else {
            return Ok(());
        };
        store.dismiss(&[id], reason, &self.reviewer)?;
        self.done.push(Done {
            claim_id: id,
            action: Action::Dismiss,
        });
        self.reviewed += 1;
        self.at += 1;
        self.load(store)?;
        self.message = format!("claim {id}: dismissed (`claimtrack restore {id}` takes it back)");
        Ok(())
    }

    /// `a`: the same as `claimtrack assign ID --to me`.
    fn assign_to_me(&mut self, store: &mut Store) -> Result<()> {
        let Some(id) = self.shown_id() else {
            return Ok(());
        };
        if self.changed_meanwhile(store)? {
            return Ok(());
        }
        let before = self
            .shown
            .as_ref()
            .and_then(|s| s.detail.claim.assignee.clone());
        store.assign(&[id], Some(&self.reviewer), &self.reviewer)?;
        self.done.push(Done {
            claim_id: id,
            action: Action::Assign { before },
        });
        self.load(store)?;
        self.message = format!("claim {id}: assigned to {}", self.reviewer);
        Ok(())
    }

    fn on_search_key(&mut self, store: &mut Store, key: KeyEvent, mut text: String) -> Result<()> {
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

fn load_claim(store: &Store, id: i64) -> Result<Shown> {
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

fn newest_event(store: &Store, id: i64) -> Result<Option<i64>> {
    Ok(store.history(Some(id), Some(1))?.first().map(|r| r.id))
}
