//! How long a rep waits, on the embedded emulator, from "Start a purchase" to the
//! charge's answer: the engine's whole path (card lookup, both-language quote, choice,
//! security-question verification, journaled charge) on a real data directory over real
//! HTTP, 30 purchases after a warm-up, reported per step and in all as median and max.
//! The emulator answers in microseconds, so this is the app's own share of the wait.

// A benchmark prints its numbers, and a setup step that fails has nothing to measure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use pos_app::purchase_dto::{ChargeInput, PurchaseStage, PurchaseStart, VerifyMethod};

const RUNS: usize = 30;

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {name:<28} median {:>7.2} ms   max {:>7.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = pos_testkit::temp_dir("bench-purchase");
        let engine = pos_testkit::engine::signed_in(dir.path()).await;
        let mut steps: Vec<Vec<Duration>> = vec![Vec::new(); 6];
        for run in 0..=RUNS {
            let mut marks = Vec::with_capacity(6);
            let start = Instant::now();
            let view = engine
                .start_purchase(PurchaseStart::Card {
                    number: "1070015210367982".into(),
                })
                .await
                .unwrap();
            marks.push(start.elapsed());
            let t = Instant::now();
            engine
                .quote_purchase(view.id.clone(), "12.34".into())
                .await
                .unwrap();
            marks.push(t.elapsed());
            let t = Instant::now();
            engine
                .choose_option(view.id.clone(), "plan-4-3".into())
                .await
                .unwrap();
            engine
                .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
                .await
                .unwrap();
            marks.push(t.elapsed());
            let t = Instant::now();
            engine
                .answer_security_question(view.id.clone(), "Rainbow".into())
                .await
                .unwrap();
            marks.push(t.elapsed());
            let t = Instant::now();
            let done = engine
                .charge_purchase(ChargeInput {
                    purchase_id: view.id.clone(),
                    pin: None,
                    hold: false,
                })
                .await
                .unwrap();
            marks.push(t.elapsed());
            assert_eq!(done.stage, PurchaseStage::Done);
            marks.push(start.elapsed());
            if run > 0 {
                for (step, mark) in steps.iter_mut().zip(marks) {
                    step.push(mark);
                }
            }
        }
        println!("purchase flow on the embedded emulator, {RUNS} purchases after a warm-up");
        let names = [
            "start (card + lookup)",
            "quote (en + fr at once)",
            "choose + start question",
            "security answer (PIN)",
            "charge (journal + send)",
            "start -> charge's answer",
        ];
        for (name, times) in names.into_iter().zip(steps) {
            summary(name, times);
        }
    });
}
