//! `claimtrack review`: the interactive queue. One key per verdict, each committed
//! at once; full screen with ratatui on crossterm.

pub mod app;
pub mod view;

use super::display::{ColorChoice, DisplayArgs, colour_allowed_by_env};
use super::filter::FilterArgs;
use super::reviewer::ReviewerArg;
use crate::model::Status;
use crate::store::{Assignee, ClaimOrder, Store};
use app::App;
use clap::Args;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io::IsTerminal;
use view::Theme;

/// Review claims one at a time, full screen: the claim in its article's words, its
/// speaker, outlet, flag and evidence, linked copies and history; one key sets a
/// status (saved at once) and shows the next claim; others edit the speaker,
/// dismiss, assign to you. Takes the filters of `list`; by default the unverified
/// claims given to you or to nobody, flagged first, then oldest. `?` lists the keys.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack review                       # the unverified claims, flagged first
  claimtrack review --search \"troops\"     # only claims about troops
  claimtrack review -s in-progress -r ayse # pick up what is in progress")]
// `--reviewer` here is who reviews; the claims someone touched are `--touched-by`.
#[command(mut_arg("touched_by", |arg| arg.long("touched-by").short(None)))]
pub struct ReviewArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run(store: &mut Store, args: ReviewArgs, display: &DisplayArgs) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "review needs a terminal; from a script use `claimtrack list` and `claimtrack mark`"
        );
    }
    let mut filter = args.filter.to_filter(None);
    if filter.statuses.is_empty() {
        filter.statuses.push(Status::unverified());
    }
    if args.filter.sort.is_none() {
        filter.order = ClaimOrder::Flagged;
    }
    let reviewer = args.reviewer.name(store)?;
    // What is mine to pick up: claims given to me or to nobody.
    if filter.assignee.is_none() {
        filter.assignee = Some(Assignee::ToOrNobody(reviewer.clone()));
    }
    let mut app = App::new(store, filter, reviewer)?;
    let theme = Theme {
        color: match display.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => colour_allowed_by_env(),
        },
    };
    let mut terminal = ratatui::try_init()?;
    let outcome = event_loop(&mut terminal, store, &mut app, theme);
    ratatui::restore();
    outcome?;
    let n = app.reviewed;
    println!("{n} claim{} reviewed", if n == 1 { "" } else { "s" });
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    app: &mut App,
    theme: Theme,
) -> anyhow::Result<()> {
    while !app.quit {
        terminal.draw(|frame| view::draw(frame, app, theme))?;
        // A resize needs nothing but the redraw at the top of the loop.
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            app.on_key(store, key)?;
        }
    }
    Ok(())
}
