//! The verification-delay model: what revm cannot measure (how long a transaction waits for a
//! verifier) estimated from what the run knows (offered load, active validators, module level).
//!
//! The model is an M/M/c queue (Erlang C):
//! - the servers are the scenario's active validators, `c` (its eligible enrolled nodes plus those
//!   called in); each verification is done by one of them, any of them;
//! - transactions arrive as a Poisson stream at the offered load `λ` (transactions per second);
//! - a verification takes an exponentially distributed time whose mean depends on the active
//!   module's level only ([`service_ms`]), the same on every node.
//!
//! Assumed mean service times per node (orders of magnitude of the proof systems, not
//! measurements of this suite): level 1 basic fraud proof, re-executing a transaction: 2 ms;
//! level 2 fraud proof with a bisection game: 4 ms; level 3 optimistic with a bonded challenge
//! window: 6 ms; level 4 validity proof (one SNARK verification, ~3 pairings): 15 ms; level 5
//! multi-layer ZK (a recursive proof checked in layers): 30 ms; level 6 ZK with a threshold
//! committee: 45 ms. Network latency and block inclusion are left out: they add the same
//! constant with or without a call-in, so they do not change a comparison.

/// Mean time one node takes to verify one transaction at module `level` (1-6), milliseconds.
/// Levels above 6 are served as level 6, level 0 as level 1.
pub fn service_ms(level: u8) -> f64 {
    match level {
        0 | 1 => 2.0,
        2 => 4.0,
        3 => 6.0,
        4 => 15.0,
        5 => 30.0,
        _ => 45.0,
    }
}

/// Erlang C: the probability that an arrival waits, for `c` servers and an offered load of `a`
/// erlangs (`λ / μ`), with `a < c`. Computed through the Erlang B recursion, which stays finite
/// for thousands of servers where `a^c / c!` would not.
fn erlang_c(c: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    let c = f64::from(c);
    c * b / (c - a * (1.0 - b))
}

/// Mean time from arrival to verified (waiting plus service), milliseconds, for `load_tps`
/// transactions per second served by `nodes` validators each taking `service_ms` on average.
/// `None` when the queue is unstable (the load needs at least as many nodes as there are), or
/// for a nonsensical input (no node, a negative or non-finite load, a service time not above 0).
pub fn mean_delay_ms(load_tps: f64, nodes: u32, service_ms: f64) -> Option<f64> {
    if nodes == 0
        || !load_tps.is_finite()
        || load_tps < 0.0
        || service_ms.is_nan()
        || service_ms <= 0.0
    {
        return None;
    }
    let mu = 1000.0 / service_ms; // verifications per second per node
    let a = load_tps / mu; // erlangs: busy nodes on average
    if a >= f64::from(nodes) {
        return None;
    }
    if load_tps == 0.0 {
        return Some(service_ms);
    }
    let wait_s = erlang_c(nodes, a) / (f64::from(nodes) * mu - load_tps);
    Some(wait_s * 1000.0 + service_ms)
}

/// The congestion case of the documents: a surge multiplies a scenario's load; a fixed set of
/// validators serves it as it can, while a call-in brings more nodes (and the scenario may be
/// escalated to a slower module on the way). Delays are modeled means, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Congestion {
    /// Before the surge: the base load on the base set at the base level.
    pub before_ms: f64,
    /// The surged load on the same fixed set at the base level; `None`: unstable (the queue
    /// grows without bound).
    pub fixed_ms: Option<f64>,
    /// The surged load on the set after the call-in, at the level it serves then.
    pub call_in_ms: Option<f64>,
}

impl Congestion {
    /// Models the case: `load_tps` before the surge, `surge` times that after; `nodes` fixed, or
    /// `called_in_to` nodes after the call-in; verification at `level` before and with the fixed
    /// set, at `call_in_level` after the call-in.
    pub fn model(
        load_tps: f64,
        surge: f64,
        nodes: u32,
        level: u8,
        called_in_to: u32,
        call_in_level: u8,
    ) -> Self {
        let surged = load_tps * surge;
        Self {
            before_ms: mean_delay_ms(load_tps, nodes, service_ms(level)).unwrap_or(f64::INFINITY),
            fixed_ms: mean_delay_ms(surged, nodes, service_ms(level)),
            call_in_ms: mean_delay_ms(surged, called_in_to, service_ms(call_in_level)),
        }
    }

    /// How much longer the fixed set's delay is than before, in percent (`None`: unbounded).
    pub fn fixed_increase_pct(&self) -> Option<f64> {
        self.fixed_ms.map(|d| (d / self.before_ms - 1.0) * 100.0)
    }

    /// How much longer the delay after the call-in is than before, in percent.
    pub fn call_in_increase_pct(&self) -> Option<f64> {
        self.call_in_ms.map(|d| (d / self.before_ms - 1.0) * 100.0)
    }
}

/// The NFT-mint congestion of `sandbox/plans/nft-congestion.toml` and the documents: 100 nodes
/// on basic fraud proofs (level 1) at 45,000 transactions per second (90% of what they can
/// serve), a surge of 10% more load; with a call-in the set grows to 500 nodes, on the same
/// level. The documents claim +50% delay with the fixed set and +10% with the call-in.
pub fn nft_congestion() -> Congestion {
    Congestion::model(45_000.0, 1.1, 100, 1, 500, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1e-12)
    }

    #[test]
    fn one_server_is_m_m_1() {
        // M/M/1: W = 1 / (μ - λ). μ = 1000/s (1 ms), λ = 500/s: W = 2 ms.
        let w = mean_delay_ms(500.0, 1, 1.0).unwrap();
        assert!(close(w, 2.0, 1e-12), "{w}");
        // Erlang C of one server is its utilization.
        assert!(close(erlang_c(1, 0.5), 0.5, 1e-12));
    }

    #[test]
    fn erlang_c_matches_the_exact_formula() {
        // C(2, 1) = 1/3 by hand; the others from the textbook formula
        // (a^c/c! · c/(c-a)) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c-a)) in exact rational arithmetic.
        assert!(close(erlang_c(2, 1.0), 1.0 / 3.0, 1e-12));
        assert!(close(erlang_c(10, 8.0), 0.409_180_150_796_443_5, 1e-9), "{}", erlang_c(10, 8.0));
        assert!(close(erlang_c(100, 90.0), 0.216_940_480_906_366_4, 1e-9));
        assert!(close(erlang_c(100, 99.0), 0.882_768_462_610_084_5, 1e-9));
        // M/M/2 at λ = 1, μ = 1: Wq = C / (cμ - λ) = 1/3 s; W = 4/3 s.
        let w = mean_delay_ms(1.0, 2, 1000.0).unwrap();
        assert!(close(w, 4000.0 / 3.0, 1e-9), "{w}");
    }

    #[test]
    fn an_overloaded_or_empty_set_has_no_delay() {
        assert_eq!(mean_delay_ms(1000.0, 1, 1.0), None, "ρ = 1 is unstable");
        assert_eq!(mean_delay_ms(10.0, 0, 1.0), None);
        assert_eq!(mean_delay_ms(-1.0, 3, 1.0), None);
        assert_eq!(mean_delay_ms(1.0, 3, 0.0), None);
        assert_eq!(mean_delay_ms(0.0, 3, 5.0), Some(5.0), "no load: the service time alone");
        // Thousands of servers stay finite.
        let w = mean_delay_ms(4_900.0 * 500.0, 5_000, 2.0).unwrap();
        assert!(w.is_finite() && w > 2.0);
    }

    #[test]
    fn levels_are_slower_as_they_rise() {
        let times: Vec<f64> = (1..=6).map(service_ms).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
        assert_eq!(service_ms(0), service_ms(1));
        assert_eq!(service_ms(9), service_ms(6));
    }

    #[test]
    fn the_congestion_claim_is_checked_by_the_model() {
        let case = nft_congestion();
        let fixed = case.fixed_increase_pct().expect("99% utilization is still stable");
        let call_in = case.call_in_increase_pct().unwrap();
        // What the model says, to the percent: a fixed set near saturation slows down by far
        // more than half, the called-in set (20% utilized) not at all.
        assert!(fixed >= 50.0, "fixed set: +{fixed:.1}%");
        assert!(call_in <= 10.0, "call-in: {call_in:+.1}%");
    }
}
