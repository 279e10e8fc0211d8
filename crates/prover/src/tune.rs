//! Self-tuning: measures the real proving time of a schema under each configuration the prover
//! actually has, and picks the fastest. What `era component tune` reports as the prover's
//! before/after metrics.
//!
//! What it tunes (the whole configuration space arkworks 0.6 gives this prover):
//! - **thread count**: ark-groth16, ark-ec, ark-ff and ark-poly are built with their `parallel`
//!   feature in this workspace, so proving (witness maps, FFTs, the five MSMs) runs on rayon; each
//!   candidate proves inside a rayon `ThreadPool` of that many threads.
//! - **batch size**: how many proofs are in flight at once. Batch 1 proves one proof at a time
//!   with every thread inside it; batch k > 1 proves k proofs concurrently, one rayon task each,
//!   on the same pool (their inner parallelism shares its threads). The time per proof is the
//!   batch's wall time divided by k.
//! - **key loading**: `era prove` reads the proving key from disk and checks it (every point
//!   decompressed and subgroup-checked) for each proof; a prover that serves many proofs keeps
//!   the checked key in memory. Candidates prove with the key loaded once ([`KeyLoading::Cached`]);
//!   the baseline loads it per proof ([`KeyLoading::PerProof`]), as the CLI does.
//! - **MSM parameters: none are exposed.** ark-ec 0.6's `VariableBaseMSM::msm_bigint` picks its
//!   window size itself (`ln(n) + 2`, 3 below 32 points) and splits work by
//!   `rayon::current_num_threads()`; ark-groth16 0.6's prover calls it with no options. The only
//!   knob that reaches the MSMs is the thread count above, so nothing else is invented here.
//!
//! The baseline is the configuration a user gets from `era prove`: the key read and checked per
//! proof, rayon's global pool (one thread per core, or `RAYON_NUM_THREADS`), one proof at a time. It is measured in the same run
//! as every other candidate, rounds interleaved (round r measures every candidate once) so that
//! load from other processes falls on all of them alike; each candidate's time is the median of
//! its rounds, after one warm-up proof.

use std::time::Instant;

use alloy::primitives::{Address, B256};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    Binding, DerivativeBinding, Entry, Fr, Predicate, ProofBinding, ProvingKey, Record, Result,
    Schema,
    error::Context as _,
    progress::{Progress, step},
};

/// One configuration of the prover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Rayon worker threads proving runs on.
    pub threads: usize,
    /// Proofs in flight at once (1 = one after another).
    pub batch: usize,
    /// Whether the proving key is read and checked per proof or once.
    pub keys: KeyLoading,
}

/// How the prover gets its proving key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyLoading {
    /// Read from disk and checked for every proof (what one `era prove` per proof does).
    PerProof,
    /// Read and checked once, then kept in memory.
    Cached,
}

/// A configuration and its measured time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Measured {
    /// The configuration.
    pub config: Config,
    /// Median wall-clock milliseconds per proof (synthesis, constraint check and Groth16).
    pub ms_per_proof: f64,
}

/// What [`tune`] measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TuneReport {
    /// The schema proven.
    pub schema: String,
    /// Rounds per candidate.
    pub rounds: usize,
    /// The default configuration (also among `candidates`).
    pub baseline: Measured,
    /// The fastest candidate.
    pub best: Measured,
    /// Every candidate, in the order measured.
    pub candidates: Vec<Measured>,
    /// `(baseline - best) · 10_000 / baseline`, rounded down: the speed-up in basis points.
    pub improvement_bps: u64,
}

/// How much to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TuneOptions {
    /// Rounds per candidate (the median is taken); at least 1.
    pub rounds: usize,
    /// The most threads to try; `None` = the machine's available parallelism.
    pub max_threads: Option<usize>,
}

impl Default for TuneOptions {
    fn default() -> Self {
        Self { rounds: 5, max_threads: None }
    }
}

/// The default configuration: the key loaded per proof, rayon's global pool, one proof at a time.
pub fn baseline() -> Config {
    Config { threads: rayon::current_num_threads(), batch: 1, keys: KeyLoading::PerProof }
}

/// The candidates: thread counts 1, 2, 4, … up to `max_threads` (and `max_threads` itself), each
/// with batch 1 and, from 2 threads on, a batch of one proof per thread; plus the baseline.
pub fn candidates(max_threads: usize) -> Vec<Config> {
    let max = max_threads.max(1);
    let mut threads: Vec<usize> =
        std::iter::successors(Some(1usize), |t| Some(t * 2)).take_while(|t| *t < max).collect();
    threads.push(max);
    let mut configs: Vec<Config> = threads
        .into_iter()
        .flat_map(|t| {
            let cached = |batch| Config { threads: t, batch, keys: KeyLoading::Cached };
            [cached(1), cached(t)]
        })
        .collect();
    configs.push(baseline());
    let mut unique = Vec::with_capacity(configs.len());
    for c in configs {
        if !unique.contains(&c) {
            unique.push(c);
        }
    }
    unique
}

/// Measures proving `schema` under every candidate configuration and reports the fastest (see the
/// module docs). `load` reads and checks the proving key (`KeyDir::proving_key`): candidates that
/// keep the key call it once, the baseline once per proof. The record is a sample that satisfies
/// the schema (proving time does not depend on which record it is); a derivative schema is proven
/// at threshold 100.
pub fn tune(
    schema: &Schema,
    load: &(dyn Fn() -> Result<ProvingKey> + Sync),
    options: &TuneOptions,
    progress: &dyn Progress,
) -> Result<TuneReport> {
    let pk = step(progress, "loading the proving key", load)?;
    let keys = Keys { pk: &pk, load };
    let record = sample_record(schema);
    match schema.measure() {
        None => {
            let binding = Binding {
                subject: Address::ZERO,
                scenario: B256::ZERO,
                schema: schema.id(),
                chain_id: 1,
                registry: Address::ZERO,
            };
            run(schema, &keys, &record, &binding, options, progress)
        }
        Some(_) => {
            let binding = DerivativeBinding {
                core_asset: B256::ZERO,
                circuit: schema.id(),
                chain_id: 1,
                registry: Address::ZERO,
                threshold: 100,
            };
            run(schema, &keys, &record, &binding, options, progress)
        }
    }
}

/// The key kept in memory, and how to load it again.
struct Keys<'a> {
    pk: &'a ProvingKey,
    load: &'a (dyn Fn() -> Result<ProvingKey> + Sync),
}

fn run<B: ProofBinding + Sync>(
    schema: &Schema,
    keys: &Keys<'_>,
    record: &Record,
    binding: &B,
    options: &TuneOptions,
    progress: &dyn Progress,
) -> Result<TuneReport> {
    let max_threads = options.max_threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let configs = candidates(max_threads);
    let pools = configs
        .iter()
        .map(|c| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(c.threads)
                .build()
                .context(|| format!("cannot start a pool of {} threads", c.threads))
        })
        .collect::<Result<Vec<_>>>()?;
    let prove_batch = |config: &Config| -> Result<()> {
        (0..config.batch).into_par_iter().try_for_each(|_| {
            let prove =
                |pk: &ProvingKey| crate::prove(pk, schema, record, binding, &mut crate::os_rng());
            match config.keys {
                KeyLoading::Cached => prove(keys.pk).map(drop),
                KeyLoading::PerProof => prove(&(keys.load)()?).map(drop),
            }
        })
    };
    step(progress, "warm-up proof", || prove_batch(&configs[0]))?;
    let rounds = options.rounds.max(1);
    let mut ms: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); configs.len()];
    for round in 0..rounds {
        for ((config, pool), times) in configs.iter().zip(&pools).zip(&mut ms) {
            let name = format!(
                "round {}/{rounds}: {} thread(s), batch {}, key {:?}",
                round + 1,
                config.threads,
                config.batch,
                config.keys
            );
            let elapsed = step(progress, &name, || {
                let start = Instant::now();
                pool.install(|| prove_batch(config)).map(|()| start.elapsed())
            })?;
            times.push(elapsed.as_secs_f64() * 1e3 / config.batch as f64);
        }
    }
    let candidates: Vec<Measured> = configs
        .iter()
        .zip(ms)
        .map(|(config, times)| Measured { config: *config, ms_per_proof: median(times) })
        .collect();
    Ok(report(schema, rounds, candidates))
}

/// The report of measured candidates (the baseline is always among them).
fn report(schema: &Schema, rounds: usize, candidates: Vec<Measured>) -> TuneReport {
    let default = baseline();
    let baseline = *candidates.iter().find(|m| m.config == default).expect("baseline measured");
    let best = *candidates
        .iter()
        .min_by(|a, b| a.ms_per_proof.total_cmp(&b.ms_per_proof))
        .expect("at least one candidate");
    let improvement_bps =
        ((baseline.ms_per_proof - best.ms_per_proof) * 10_000.0 / baseline.ms_per_proof) as u64;
    TuneReport { schema: schema.name.clone(), rounds, baseline, best, candidates, improvement_bps }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let mid = xs.len() / 2;
    if xs.len() % 2 == 1 { xs[mid] } else { (xs[mid - 1] + xs[mid]) / 2.0 }
}

/// A record every built-in predicate accepts: all entries valid, value 0 (on time), the
/// range-checked entries at the bottom of their range.
fn sample_record(schema: &Schema) -> Record {
    let value = |i: u32| match schema.predicate {
        Predicate::InRange { index, lo, .. } if index == i => lo,
        Predicate::AllInRange { lo, .. } => lo,
        _ => 0,
    };
    let entries = (0..schema.entries).map(|i| Entry { value: value(i), valid: true }).collect();
    Record { salt: Fr::from(0x7e57u64), entries }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Silent, keys::dev_setup};

    #[test]
    fn candidates_cover_threads_and_batches_once_with_the_baseline() {
        let four = candidates(4);
        let cached = |threads, batch| Config { threads, batch, keys: KeyLoading::Cached };
        for c in [(1, 1), (2, 1), (2, 2), (4, 1), (4, 4)] {
            assert!(four.contains(&cached(c.0, c.1)), "{c:?}");
        }
        assert!(four.contains(&baseline()));
        assert!(!four.contains(&cached(1, 2)));
        assert_eq!(four.iter().filter(|c| c.keys == KeyLoading::PerProof).count(), 1);
        for (i, c) in four.iter().enumerate() {
            assert!(!four[i + 1..].contains(c), "{c:?} twice");
        }
        assert_eq!(candidates(3).iter().filter(|c| c.threads == 3).count(), 2);
    }

    /// One real round on the smallest schema: the report is consistent (no timing thresholds).
    #[test]
    fn tune_reports_the_fastest_candidate() {
        let schema = Schema::by_name("range").unwrap();
        let pk = dev_setup(&schema, "tune").unwrap();
        let options = TuneOptions { rounds: 1, max_threads: Some(2) };
        let report = tune(&schema, &|| Ok(pk.clone()), &options, &Silent).unwrap();
        assert_eq!((report.schema.as_str(), report.rounds), ("range", 1));
        assert_eq!(report.candidates.len(), candidates(2).len());
        assert!(report.candidates.iter().all(|m| m.ms_per_proof > 0.0));
        let min = report.candidates.iter().map(|m| m.ms_per_proof).fold(f64::INFINITY, f64::min);
        assert_eq!(report.best.ms_per_proof, min);
        assert!(report.candidates.contains(&report.baseline));
        assert_eq!(report.baseline.config, baseline());
        let (b, best) = (report.baseline.ms_per_proof, report.best.ms_per_proof);
        assert_eq!(report.improvement_bps, ((b - best) * 10_000.0 / b) as u64);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["best"]["config"]["threads"], report.best.config.threads);
        assert_eq!(serde_json::from_value::<TuneReport>(json).unwrap(), report);
    }

    #[test]
    fn a_derivative_schema_is_tuned_with_a_derivative_binding() {
        let schema = Schema {
            name: "tiny-continuity".into(),
            entries: 2,
            predicate: Predicate::Share {
                measure: crate::Measure::Continuity,
                core: B256::repeat_byte(1),
            },
        };
        let pk = dev_setup(&schema, "tune").unwrap();
        let options = TuneOptions { rounds: 1, max_threads: Some(1) };
        let report = tune(&schema, &|| Ok(pk.clone()), &options, &Silent).unwrap();
        assert_eq!(report.candidates.len(), candidates(1).len());
    }
}
