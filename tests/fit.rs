//! Output that fits: the claims table fitted to a width in display cells, the
//! resolved speaker, collapsed linked claims, colour, the pager, `show` wrapped.
//! Through the real binary; a terminal's width is given as `COLUMNS` (as `ls`
//! takes it), and the pager and colour on a real terminal run in tmux.

use unicode_width::UnicodeWidthStr;

use crate::common::Env;

fn seeds(env: Env) -> Env {
    env.run_ok(&["ingest", "seeds"]);
    env
}

fn run_with(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> String {
    let out = env
        .cmd()
        .envs(vars.iter().copied())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn the_table_fits_the_width_in_display_cells_and_keeps_every_word(env: Env) {
    let env = seeds(env);
    for width in [80usize, 100, 160] {
        let columns = width.to_string();
        let table = run_with(&env, &[("COLUMNS", &columns)], &["list", "-f", "table"]);
        for line in table.lines() {
            assert!(
                line.width() <= width,
                "{width}: {} cells: {line}",
                line.width()
            );
        }
        // Claim 2 is long: it wraps, and no word of it is cut or lost.
        let cells: String = table
            .lines()
            .filter_map(|l| l.split('┆').nth(4))
            .map(|cell| cell.trim_matches(|c: char| c == '│' || c.is_whitespace()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            cells.contains("a Western intelligence official said, according to CNN,"),
            "{width}: {cells}"
        );
    }
    // At 80 columns the claim column gets most of the room (it used to get 15).
    let table = run_with(&env, &[("COLUMNS", "80")], &["list", "-f", "table"]);
    let header = table.lines().nth(1).unwrap();
    let claim = header.split('┆').nth(4).unwrap();
    assert!(
        claim.width() >= 30,
        "claim column {} wide: {header}",
        claim.width()
    );
}

fn piped_listing_is_tab_separated_unless_a_table_is_asked_for(env: Env) {
    let env = seeds(env);
    let piped = env.run_ok(&["list"]);
    assert!(piped.starts_with("id\tstatus\tflag\tspeaker\tclaim\tarticle\n"));
    assert_eq!(piped, env.run_ok(&["list", "-f", "tsv"]));
    let table = env.run_ok(&["list", "-f", "table"]);
    assert!(table.starts_with('┌'), "{table}");
    // Not fitted to any width when piped without COLUMNS (for `less -S`).
    assert!(table.lines().any(|l| l.width() > 200));
}

fn the_speaker_column_shows_whom_a_pronoun_resolves_to(env: Env) {
    let env = seeds(env);
    let piped = env.run_ok(&["list"]);
    assert!(piped.contains("\tshe → Maria Zakharova\t"), "{piped}");
    let table = run_with(&env, &[("COLUMNS", "140")], &["list", "-f", "table"]);
    assert!(table.contains("she → Maria Zakharova"));
}

fn collapse_shows_a_claim_linked_across_sources_once_with_a_count(env: Env) {
    let env = seeds(env);
    // A row starts with its id; the lines a long claim wraps onto start blank.
    let count_rows = |text: &str| {
        text.lines()
            .filter(|l| l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
            .count()
    };
    let all = run_with(
        &env,
        &[("COLUMNS", "160")],
        &["list", "-f", "table", "--no-collapse"],
    );
    let collapsed = run_with(
        &env,
        &[("COLUMNS", "160")],
        &["list", "-f", "table", "--collapse"],
    );
    let (all_rows, collapsed_rows) = (count_rows(&all), count_rows(&collapsed));
    assert!(collapsed_rows < all_rows, "{collapsed_rows} < {all_rows}");
    assert!(collapsed.lines().nth(1).unwrap().contains("seen in"));
    assert!(!all.lines().nth(1).unwrap().contains("seen in"));
    // Every listed claim is either shown or counted in a "seen in" cell.
    let counted: usize = collapsed
        .lines()
        .filter(|l| l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .map(|l| {
            l.rsplit('┆')
                .next()
                .unwrap()
                .trim_matches(|c: char| c == '│' || c.is_whitespace())
                .parse::<usize>()
                .unwrap_or(1)
        })
        .sum();
    assert_eq!(counted, all_rows);
}

fn colour_follows_the_color_flag(env: Env) {
    let env = seeds(env);
    let coloured = run_with(
        &env,
        &[("COLUMNS", "120")],
        &["--color", "always", "list", "-f", "table"],
    );
    assert!(coloured.contains("\u{1b}["), "status in colour");
    let plain = run_with(
        &env,
        &[("COLUMNS", "120")],
        &["--color", "never", "list", "-f", "table"],
    );
    assert!(!plain.contains('\u{1b}'));
    // auto: piped output is never coloured.
    let auto = run_with(&env, &[("COLUMNS", "120")], &["list", "-f", "table"]);
    assert!(!auto.contains('\u{1b}'));
}

fn show_prints_the_claim_once_wrapped_at_word_boundaries(env: Env) {
    let env = seeds(env);
    let claim: serde_json::Value = env.json(&["show", "2", "-f", "json"]);
    let text = claim["text"].as_str().unwrap();
    let shown = run_with(&env, &[("COLUMNS", "60")], &["show", "2"]);
    for line in shown.lines() {
        assert!(line.width() <= 60, "{} cells: {line}", line.width());
    }
    // The claim once: its opening words appear in one place only.
    let opening: String = text.chars().take(25).collect();
    assert_eq!(shown.matches(&opening).count(), 1, "{shown}");
    // Wrapped between words: the claim's words, rejoined, are the claim.
    let marked: Vec<&str> = shown
        .lines()
        .skip_while(|l| !l.starts_with("▶ "))
        .take_while(|l| !l.is_empty())
        .map(|l| l.trim_start_matches("▶ ").trim())
        .collect();
    assert!(marked.join(" ").starts_with(text), "{marked:?}");
}

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
            start.elapsed().as_secs() < 20,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Runs `claimtrack ARGS` on an 80×24 terminal in tmux with `vars` set; returns
/// what the pager received (the pager writes it to a file) and the screen.
fn on_a_terminal(env: &Env, vars: &str, args: &str) -> (String, String) {
    let socket = format!(
        "claimtrack-fit-{}-{}",
        std::process::id(),
        args.len() + vars.len()
    );
    let paged = env.dir.path().join("paged.txt");
    let done = env.dir.path().join("done");
    let _ = std::fs::remove_file(&paged);
    let _ = std::fs::remove_file(&done);
    let command = format!(
        "env -u COLUMNS {vars} CLAIMTRACK_PAGER='cat > {paged}' '{bin}' --db '{db}' {args}; touch '{done}'; sleep 30",
        paged = paged.display(),
        bin = env!("CARGO_BIN_EXE_claimtrack"),
        db = env.db().display(),
        done = done.display(),
    );
    let started = tmux(
        &socket,
        &["new-session", "-d", "-x", "80", "-y", "24", &command],
    );
    assert!(started.status.success(), "{started:?}");
    wait_for("the command", || done.exists());
    let screen = tmux(&socket, &["capture-pane", "-p", "-e"]);
    tmux(&socket, &["kill-server"]);
    let paged = std::fs::read_to_string(&paged).unwrap_or_default();
    (paged, String::from_utf8_lossy(&screen.stdout).into_owned())
}

#[test]
fn on_a_terminal_the_listing_goes_through_the_pager_fitted_and_coloured() {
    let env = Env::new();
    let env = seeds(env);
    let (paged, _) = on_a_terminal(&env, "", "list");
    assert!(paged.starts_with('┌'), "the pager got the table: {paged}");
    for line in paged.lines() {
        assert!(line.width() <= 80 || line.contains('\u{1b}'), "{line}");
    }
    assert!(paged.contains("\u{1b}["), "coloured on a terminal");
    // Collapsed by default on a terminal.
    assert!(paged.lines().nth(1).unwrap().contains("seen in"), "{paged}");

    let (paged, _) = on_a_terminal(&env, "NO_COLOR=1", "list");
    assert!(
        paged.starts_with('┌') && !paged.contains('\u{1b}'),
        "NO_COLOR"
    );
    let (paged, _) = on_a_terminal(&env, "TERM=dumb", "list");
    assert!(!paged.contains('\u{1b}'), "TERM=dumb");

    let (paged, screen) = on_a_terminal(&env, "", "--no-pager list --search zakharova");
    assert!(paged.is_empty(), "--no-pager: {paged}");
    assert!(screen.contains("Zakharova"), "{screen}");
}

fn html_report_takes_a_title_and_lays_out_for_narrow_screens_and_print(env: Env) {
    let env = seeds(env);
    let html = env.run_ok(&["export", "-f", "html", "--title", "Desk <report> 4 Dec"]);
    assert!(
        html.contains("<title>Desk &lt;report&gt; 4 Dec</title>"),
        "escaped title"
    );
    assert!(html.contains("<h1>Desk &lt;report&gt; 4 Dec</h1>"));
    // Each field labelled for the card layout of narrow screens.
    assert!(html.contains("<td class=\"note\" data-label=\"note\">"));
    assert!(html.contains("@media screen and (max-width: 820px)"));
    // In print the note column keeps its room: the fixed widths are dropped.
    let print = html.split("@media print").nth(1).unwrap();
    assert!(print.contains("table-layout: auto") && print.contains("width: auto !important"));
    assert!(print.contains("tr { break-inside: avoid; }"));
    let markdown = env.run_ok(&["export", "-f", "markdown", "--title", "Desk report"]);
    assert!(markdown.starts_with("# Desk report\n"));
}

fn stats_count_a_speaker_once_whatever_the_case(env: Env) {
    let env = seeds(env);
    let stats = env.json(&["stats", "-f", "json", "--top", "50"]);
    let names: Vec<String> = stats["top_speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_lowercase())
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(names.len(), unique.len(), "{names:?}");
    assert!(names.contains(&"the pentagon".to_string()), "{names:?}");
}

fn piped_history_and_articles_are_a_header_line_then_tab_separated_cells(env: Env) {
    let env = seeds(env);
    env.run_ok(&["mark", "1", "-s", "false", "-n", "two\tcells\nand a line"]);
    let history = env.run_ok(&["history"]);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines[0], "event\tclaim\twhen\treviewer\tchange\tnote");
    assert_eq!(lines.len(), 2, "{history:?}");
    let cells: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(cells.len(), 6, "{cells:?}");
    assert_eq!(cells[5], "two cells and a line");
    let articles = env.run_ok(&["articles"]);
    let lines: Vec<&str> = articles.lines().collect();
    assert!(lines[0].starts_with("id\tsource\tversion\ttitle\tclaims\tflagged\tunverified"));
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1..].iter().all(|l| l.split('\t').count() == 12),
        "{articles}"
    );
}

fn articles_json_counts_statuses_in_an_object(env: Env) {
    let env = seeds(env);
    env.run_ok(&["mark", "1", "-s", "false"]);
    let articles = env.json(&["articles", "-f", "json"]);
    let counts = &articles[0]["by_status"];
    assert!(counts.is_object(), "{counts}");
    assert_eq!(counts["false"], 1);
    assert_eq!(counts.as_object().unwrap().len(), 6);
}

on_both![
    the_table_fits_the_width_in_display_cells_and_keeps_every_word,
    piped_listing_is_tab_separated_unless_a_table_is_asked_for,
    the_speaker_column_shows_whom_a_pronoun_resolves_to,
    collapse_shows_a_claim_linked_across_sources_once_with_a_count,
    colour_follows_the_color_flag,
    show_prints_the_claim_once_wrapped_at_word_boundaries,
    html_report_takes_a_title_and_lays_out_for_narrow_screens_and_print,
    stats_count_a_speaker_once_whatever_the_case,
    piped_history_and_articles_are_a_header_line_then_tab_separated_cells,
    articles_json_counts_statuses_in_an_object,
];
