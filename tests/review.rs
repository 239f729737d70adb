//! `claimtrack review`: the queue's keys and screen through ratatui's test backend
//! (on a real database), and the real binary in a pseudo-terminal (tmux).

use claimtrack::cli::review::app::{App, Mode};
use claimtrack::cli::review::view::{Theme, draw};
use claimtrack::model::Status;
use claimtrack::store::{ClaimFilter, ClaimOrder, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

use crate::common::{Env, s};

const ARTICLE: &str = "Turkish Foreign Minister Mevlüt Çavuşoğlu said the talks would resume in Istanbul next week.

The ministry called the report “fake news” and said it would respond on Monday, according to Anadolu.

A spokesman for the ministry said the delegation had left Ankara, Reuters reported. The report could not be independently verified.
";

fn env_with_article(env: Env) -> Env {
    let path = env.file("turkey.txt", ARTICLE.as_bytes());
    env.run_ok(&["ingest", s(&path)]);
    env
}

fn queue(store: &Store) -> App {
    let filter = ClaimFilter {
        statuses: vec![Status::unverified()],
        order: ClaimOrder::Flagged,
        ..ClaimFilter::default()
    };
    App::new(store, filter, "ayse".into()).unwrap()
}

fn key(store: &mut Store, app: &mut App, code: KeyCode) {
    app.on_key(store, KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap();
}

fn keys(store: &mut Store, app: &mut App, text: &str) {
    for c in text.chars() {
        key(store, app, KeyCode::Char(c));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(frame, app, Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .chunks(width as usize)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn status_of(env: &Env, id: i64) -> String {
    let claim: Value = env.json(&["show", &id.to_string(), "-f", "json"]);
    claim["status"].as_str().unwrap().to_string()
}

fn the_queue_shows_flagged_claims_first_with_context_speaker_and_evidence(env: Env) {
    let env = env_with_article(env);
    let store = Store::open(&env.location()).unwrap();
    let app = queue(&store);
    assert_eq!(app.position(), (1, 3));
    let shown = screen(&app, 80, 24);
    // Claim 3 is flagged by the sentence after it, so it comes first.
    assert!(shown.contains("1 of 3  claim 3  unverified"), "{shown}");
    assert!(
        shown.contains("could not be independently verified"),
        "{shown}"
    );
    assert!(shown.contains("Reuters"), "{shown}");
    // The sentence before it, from the article, is shown too.
    assert!(shown.contains("according to Anadolu"), "{shown}");
    assert!(shown.contains("v/f/m/i/p verdict"), "the keys: {shown}");
    assert!(screen(&app, 200, 30).contains("v verified  f false  m misleading"));
    assert!(screen(&app, 120, 30).contains("v/f/m/i/p verdict  n note  e speaker  d dismiss"));
}

fn a_status_key_commits_at_once_and_moves_on(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    keys(&mut store, &mut app, "f");
    // Committed before the session ends: another process sees it now.
    assert_eq!(status_of(&env, 3), "false");
    assert_eq!(app.position(), (2, 3));
    assert!(
        app.message.contains("claim 3: unverified → false"),
        "{}",
        app.message
    );
    keys(&mut store, &mut app, "vm");
    assert_eq!(status_of(&env, 1), "verified");
    assert_eq!(status_of(&env, 2), "misleading");
    let done = screen(&app, 80, 24);
    assert!(done.contains("The queue is done: 3 reviewed"), "{done}");
    let history = env.json(&["history", "-f", "json"]);
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["reviewer"] == "ayse")
    );
}

fn undo_adds_a_history_row_setting_the_status_back(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    keys(&mut store, &mut app, "fu");
    assert_eq!(status_of(&env, 3), "unverified");
    assert_eq!(app.position(), (1, 3), "back on the undone claim");
    let claim = env.json(&["show", "3", "-f", "json"]);
    let history = claim["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "the change and its undoing, both kept");
    assert_eq!(history[0]["new_status"], "unverified");
    assert_eq!(history[0]["note"], "undo");
    keys(&mut store, &mut app, "u");
    assert_eq!(app.message, "nothing to undo");
}

fn skip_back_note_and_help_keys(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    key(&mut store, &mut app, KeyCode::Right);
    assert_eq!(app.position(), (2, 3));
    key(&mut store, &mut app, KeyCode::Left);
    key(&mut store, &mut app, KeyCode::Left);
    assert_eq!(app.position(), (1, 3));
    assert_eq!(app.message, "this is the first claim");

    keys(&mut store, &mut app, "nMoD denies it");
    assert_eq!(app.mode, Mode::Note("MoD denies it".into()));
    assert!(screen(&app, 80, 24).contains("note: MoD denies it"));
    key(&mut store, &mut app, KeyCode::Enter);
    let claim = env.json(&["show", "3", "-f", "json"]);
    assert_eq!(claim["latest_note"], "MoD denies it");
    assert_eq!(claim["status"], "unverified", "a note changes no status");

    keys(&mut store, &mut app, "?");
    assert!(screen(&app, 80, 24).contains("undo your last status change"));
    keys(&mut store, &mut app, "x");
    assert_eq!(app.mode, Mode::Browse);
    keys(&mut store, &mut app, "q");
    assert!(app.quit);
}

fn search_key_narrows_the_queue_with_the_full_text_index(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    keys(&mut store, &mut app, "/cavusoglu");
    key(&mut store, &mut app, KeyCode::Enter);
    assert_eq!(app.position(), (1, 1));
    assert_eq!(app.shown.as_ref().unwrap().detail.claim.id, 1);
    assert!(screen(&app, 80, 24).contains("search: cavusoglu"));
    key(&mut store, &mut app, KeyCode::Char('/'));
    for _ in 0.."cavusoglu".len() {
        key(&mut store, &mut app, KeyCode::Backspace);
    }
    key(&mut store, &mut app, KeyCode::Enter);
    assert_eq!(
        app.position(),
        (1, 3),
        "an empty search shows the whole queue"
    );
}

fn a_claim_changed_by_someone_else_is_shown_before_the_key_applies(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    // Another reviewer marks claim 3 while it is on this screen.
    env.run_ok(&["mark", "3", "-s", "verified", "-r", "bo"]);
    keys(&mut store, &mut app, "f");
    assert_eq!(status_of(&env, 3), "verified", "the key did not apply");
    assert!(app.message.contains("changed meanwhile"), "{}", app.message);
    assert!(screen(&app, 80, 24).contains("claim 3  verified"));
    keys(&mut store, &mut app, "f");
    assert_eq!(status_of(&env, 3), "false", "pressed again, it applies");
}

fn the_screen_fits_80_by_24_and_larger(env: Env) {
    let env = env_with_article(env);
    let store = Store::open(&env.location()).unwrap();
    let app = queue(&store);
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let shown = screen(&app, width, height);
        assert!(shown.contains("claim 3"), "{width}x{height}: {shown}");
        assert!(
            shown.contains("q quit"),
            "{width}x{height}: the footer fits"
        );
    }
}

fn review_refuses_to_start_without_a_terminal(env: Env) {
    let env = env_with_article(env);
    let out = env.cmd().arg("review").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("claimtrack mark"),
        "{err}"
    );
}

/// Runs tmux on a server of this test's own, so no user's session is touched.
fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new("tmux")
        .args(["-L", socket, "-f", "/dev/null"])
        .args(args)
        .output()
        .expect("tmux runs (apt-get install tmux)")
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn review_in_a_real_terminal_marks_a_claim_with_one_key() {
    let env = env_with_article(Env::new());
    // The default queue: what is given to me or to nobody.
    env.run_ok(&["assign", "1", "--to", "bo", "-r", "bo"]);
    env.run_ok(&["assign", "2", "--to", "tmux", "-r", "bo"]);
    let socket = format!("claimtrack-test-{}", std::process::id());
    let command = format!(
        "env NO_COLOR=1 CLAIMTRACK_REVIEWER=tmux '{}' --db '{}' review; sleep 30",
        env!("CARGO_BIN_EXE_claimtrack"),
        s(&env.db())
    );
    let started = tmux(
        &socket,
        &["new-session", "-d", "-x", "80", "-y", "24", &command],
    );
    assert!(started.status.success(), "{started:?}");
    let pane =
        || String::from_utf8_lossy(&tmux(&socket, &["capture-pane", "-p"]).stdout).into_owned();
    wait_for("the review screen", || pane().contains("1 of 2  claim 3"));
    tmux(&socket, &["send-keys", "f"]);
    wait_for("claim 3 marked false", || status_of(&env, 3) == "false");
    wait_for("the next claim", || pane().contains("2 of 2  claim 2"));
    tmux(&socket, &["send-keys", "q"]);
    wait_for("the summary after quitting", || {
        pane().contains("1 claim reviewed")
    });
    tmux(&socket, &["kill-server"]);
    let claim = env.json(&["show", "3", "-f", "json"]);
    assert_eq!(claim["history"][0]["reviewer"], "tmux");
    assert_eq!(status_of(&env, 1), "unverified", "only the one key's claim");
}

#[test]
fn the_evidence_sentence_after_the_claim_is_highlighted() {
    use ratatui::style::Modifier;
    let env = env_with_article(Env::new());
    let store = Store::open(&env.location()).unwrap();
    let app = queue(&store);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| draw(frame, &app, Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let rows: Vec<&[ratatui::buffer::Cell]> = buffer.content().chunks(100).collect();
    // The context block: from its top border to its bottom border.
    let top = rows.iter().position(|r| r[0].symbol() == "┌").unwrap();
    let bottom = top
        + rows[top..]
            .iter()
            .position(|r| r[0].symbol() == "└")
            .unwrap();
    // Without colour the evidence is reversed; the other context sentence is dimmed.
    let reversed: String = rows[top..bottom]
        .iter()
        .flat_map(|row| row.iter())
        .filter(|cell| cell.modifier.contains(Modifier::REVERSED))
        .map(|cell| cell.symbol())
        .collect();
    assert!(reversed.contains("independently"), "{reversed}");
    assert!(!reversed.contains("Anadolu"), "{reversed}");
}

fn e_corrects_the_speaker_as_edit_does(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    keys(&mut store, &mut app, "e");
    // The prompt starts from the speaker as it reads now.
    let Mode::Speaker(current) = app.mode.clone() else {
        panic!("{:?}", app.mode)
    };
    for _ in 0..current.chars().count() {
        key(&mut store, &mut app, KeyCode::Backspace);
    }
    keys(&mut store, &mut app, "Defence Ministry spokesman");
    assert!(screen(&app, 80, 24).contains("speaker: Defence Ministry spokesman"));
    key(&mut store, &mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Browse);
    let claim = env.json(&["show", "3", "-f", "json"]);
    assert_eq!(claim["speaker"], "Defence Ministry spokesman");
    assert_eq!(claim["history"][0]["event"], "edit");
    assert_eq!(claim["history"][0]["reviewer"], "ayse");
    let found = env.json(&["list", "--speaker", "defence ministry", "-f", "json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    env.run_ok(&["check"]);
}

fn d_dismisses_with_the_reason_typed_and_moves_on(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    keys(&mut store, &mut app, "d");
    key(&mut store, &mut app, KeyCode::Enter);
    assert_eq!(app.message, "empty reason: nothing changed");
    keys(&mut store, &mut app, "dnarration");
    key(&mut store, &mut app, KeyCode::Enter);
    assert_eq!(app.position(), (2, 3));
    assert!(
        app.message.contains("claim 3: dismissed"),
        "{}",
        app.message
    );
    let listed = env.json(&["list", "-f", "json"]);
    assert!(listed.as_array().unwrap().iter().all(|c| c["id"] != 3));
    let dismissed = env.json(&["list", "--dismissed", "-f", "json"]);
    assert_eq!(dismissed[0]["id"], 3);
    assert_eq!(dismissed[0]["dismissed"], "narration");
}

fn a_assigns_the_claim_to_the_reviewer(env: Env) {
    let env = env_with_article(env);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    keys(&mut store, &mut app, "a");
    assert_eq!(app.message, "claim 3: assigned to ayse");
    assert_eq!(app.position(), (1, 3), "assigning does not move on");
    let mine = env.json(&["list", "--assignee", "ayse", "-f", "json"]);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], 3);
}

fn the_registers_own_statuses_get_free_keys_and_retired_ones_none(env: Env) {
    let env = env_with_article(env);
    env.run_ok(&["status", "add", "satire", "--label", "Satire", "--final"]);
    env.run_ok(&["status", "add", "stale", "--label", "Out of date"]);
    env.run_ok(&["status", "add", "old", "--label", "Old"]);
    env.run_ok(&["status", "retire", "old"]);
    env.run_ok(&["status", "retire", "misleading"]);
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);
    let keyed: Vec<(char, String)> = app
        .status_keys()
        .iter()
        .map(|(k, s)| (*k, s.to_string()))
        .collect();
    // 's' skips, so satire takes its next free letter and stale the one after.
    let expected = [
        ('v', "verified"),
        ('f', "false"),
        ('i', "inconclusive"),
        ('p', "in-progress"),
        ('t', "satire"),
        ('l', "stale"),
    ];
    let expected: Vec<(char, String)> = expected.iter().map(|&(k, s)| (k, s.into())).collect();
    assert_eq!(keyed, expected);
    assert!(screen(&app, 80, 24).contains("v/f/i/p/t/l verdict"));
    assert!(screen(&app, 200, 24).contains("t satire  l stale"));
    keys(&mut store, &mut app, "?");
    assert!(screen(&app, 80, 24).contains("t       mark satire"));
    keys(&mut store, &mut app, "x");
    keys(&mut store, &mut app, "m");
    assert!(app.message.contains("does nothing"), "{}", app.message);
    keys(&mut store, &mut app, "t");
    assert_eq!(status_of(&env, 3), "satire");
}

fn a_published_claim_refuses_the_keys_naming_reopen(env: Env) {
    let env = env_with_article(env);
    env.run_ok(&["mark", "3", "-s", "false", "-r", "bo"]);
    env.run_ok(&["publish", "3", "--explanation", "MoD figures", "-r", "bo"]);
    let mut store = Store::open(&env.location()).unwrap();
    let filter = ClaimFilter {
        order: ClaimOrder::Flagged,
        ..ClaimFilter::default()
    };
    let mut app = App::new(&store, filter, "ayse".into()).unwrap();
    assert_eq!(app.shown.as_ref().unwrap().detail.claim.id, 3);
    for k in ["v", "e", "d"] {
        keys(&mut store, &mut app, k);
        assert_eq!(app.mode, Mode::Browse, "{k}");
        assert!(
            app.message.contains("published and locked")
                && app.message.contains("claimtrack reopen 3"),
            "{k}: {}",
            app.message
        );
    }
    assert_eq!(status_of(&env, 3), "false");
    assert_eq!(app.position(), (1, 3), "still on the locked claim");
}

fn u_undoes_an_edit_a_dismissal_and_an_assignment_with_new_history_rows(env: Env) {
    let env = env_with_article(env);
    let speaker_before = env.json(&["show", "3", "-f", "json"])["speaker"].clone();
    let mut store = Store::open(&env.location()).unwrap();
    let mut app = queue(&store);

    // a, then u: given back to nobody.
    keys(&mut store, &mut app, "a");
    keys(&mut store, &mut app, "u");
    assert!(
        app.message.contains("given back to nobody"),
        "{}",
        app.message
    );
    assert!(env.json(&["show", "3", "-f", "json"])["assignee"].is_null());

    // e, then u: the speaker as it was.
    keys(&mut store, &mut app, "e");
    let Mode::Speaker(current) = app.mode.clone() else {
        panic!("{:?}", app.mode)
    };
    for _ in 0..current.chars().count() {
        key(&mut store, &mut app, KeyCode::Backspace);
    }
    keys(&mut store, &mut app, "a spokesman");
    key(&mut store, &mut app, KeyCode::Enter);
    assert_eq!(
        env.json(&["show", "3", "-f", "json"])["speaker"],
        "a spokesman"
    );
    keys(&mut store, &mut app, "u");
    assert_eq!(
        env.json(&["show", "3", "-f", "json"])["speaker"],
        speaker_before
    );

    // d, then u: back in the queue, on screen, not dismissed.
    keys(&mut store, &mut app, "dnarration");
    key(&mut store, &mut app, KeyCode::Enter);
    assert!(!env.json(&["show", "3", "-f", "json"])["dismissed"].is_null());
    keys(&mut store, &mut app, "u");
    assert!(env.json(&["show", "3", "-f", "json"])["dismissed"].is_null());
    assert_eq!(
        app.position(),
        (1, 3),
        "back at it, in a queue of three: {}",
        app.message
    );

    // Every step, and every undo, is a history row.
    let events: Vec<String> = env
        .json(&["history", "3", "-f", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        events,
        ["undismiss", "dismiss", "edit", "edit", "assign", "assign"]
    );
    env.run_ok(&["check"]);
}

on_both![
    review_refuses_to_start_without_a_terminal,
    the_queue_shows_flagged_claims_first_with_context_speaker_and_evidence,
    a_status_key_commits_at_once_and_moves_on,
    undo_adds_a_history_row_setting_the_status_back,
    skip_back_note_and_help_keys,
    search_key_narrows_the_queue_with_the_full_text_index,
    a_claim_changed_by_someone_else_is_shown_before_the_key_applies,
    the_screen_fits_80_by_24_and_larger,
    e_corrects_the_speaker_as_edit_does,
    d_dismisses_with_the_reason_typed_and_moves_on,
    a_assigns_the_claim_to_the_reviewer,
    the_registers_own_statuses_get_free_keys_and_retired_ones_none,
    a_published_claim_refuses_the_keys_naming_reopen,
    u_undoes_an_edit_a_dismissal_and_an_assignment_with_new_history_rows,
];
