//! `era asset challenge commit|reveal` and `era asset resolve-challenge`: commit-reveal bonded
//! challenges of an asset, and governance's verdict scheduled on the timelock.
//!
//! A challenge is committed first (`keccak256(abi.encode(assetId, challenger, evidence, salt))`)
//! and revealed in a later block, so nobody who sees the evidence can commit it ahead of the
//! challenger. The salt is the only secret the reveal needs: `commit` writes it to a file before
//! sending anything, so a crash after the commitment never loses it.

use std::{fmt, path::PathBuf};

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolEvent, SolValue},
};
use clap::{ArgGroup, Args, Subcommand};
use era_bindings::StateAssetRegistry;
use eyre::{Result, WrapErr, bail};
use serde::{Deserialize, Serialize};

use super::{AssetStatus, ScheduledOutput, event, prepare_payment, receipt, status_name};
use crate::{
    amount::fmt_era,
    output::print,
    suite::{SendArgs, Suite},
    timelock::{calldata, propose},
    tx::{Sent, send},
};

/// A challenge posts this share of the anchor, in basis points (the registry's own constant).
use era_client::constants::StateAssetRegistry::CHALLENGE_BOND_BPS;

/// `era asset challenge`.
#[derive(Debug, Args)]
pub(super) struct ChallengeArgs {
    #[command(subcommand)]
    command: ChallengeCommand,
}

#[derive(Debug, Subcommand)]
enum ChallengeCommand {
    /// Commit to a challenge of an asset (reveal it from a later block with `reveal`).
    Commit(CommitArgs),
    /// Reveal a committed challenge and post its bond (10% of the anchor).
    Reveal(RevealArgs),
}

impl ChallengeArgs {
    pub(super) async fn run(self) -> Result<()> {
        match self.command {
            ChallengeCommand::Commit(a) => a.run().await,
            ChallengeCommand::Reveal(a) => a.run().await,
        }
    }
}

/// `era asset challenge commit`.
#[derive(Debug, Args)]
struct CommitArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The evidence: a 0x-prefixed 32-byte hash of it, or text (its keccak256 is committed).
    #[arg(long)]
    evidence: String,
    /// The salt that hides the evidence until the reveal; default: random.
    #[arg(long)]
    salt: Option<B256>,
    /// Where to save what the reveal needs; default: challenge-<asset id prefix>.json.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    tx: SendArgs,
}

/// What the reveal needs (written by `commit`, read by `reveal --commitment-file`).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommitmentFile {
    chain_id: u64,
    registry: Address,
    asset_id: B256,
    challenger: Address,
    evidence: B256,
    salt: B256,
    commitment: B256,
    /// Block of the commitment (absent until it is mined).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    committed_at: Option<u64>,
}

impl CommitmentFile {
    fn write(&self, path: &PathBuf) -> Result<()> {
        std::fs::write(path, serde_json::to_string_pretty(self)? + "\n")
            .wrap_err_with(|| format!("cannot write {}", path.display()))
    }
}

/// A committed challenge.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CommitOutput {
    asset_id: B256,
    challenger: Address,
    evidence: B256,
    salt: B256,
    commitment: B256,
    committed_at: u64,
    file: PathBuf,
    tx: Sent,
}

impl fmt::Display for CommitOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "committed a challenge of asset {}", self.asset_id)?;
        writeln!(f, "  commitment   {} (block {})", self.commitment, self.committed_at)?;
        writeln!(f, "  evidence     {}", self.evidence)?;
        writeln!(f, "  salt         {} (saved to {})", self.salt, self.file.display())?;
        writeln!(
            f,
            "  reveal from block {}: era asset challenge reveal --asset {} --commitment-file {}",
            self.committed_at + 1,
            self.asset_id,
            self.file.display()
        )?;
        write!(f, "  {}", self.tx)
    }
}

/// Evidence as committed: a 32-byte hash as given, or the keccak256 of text.
fn parse_evidence(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text.as_bytes()))
}

fn commitment_of(asset: B256, challenger: Address, evidence: B256, salt: B256) -> B256 {
    keccak256((asset, challenger, evidence, salt).abi_encode())
}

/// Refuses a challenge `challenger` cannot open on `asset`; returns its anchor stake.
async fn challengeable(suite: &Suite, asset: B256, challenger: Address) -> Result<U256> {
    let registry = suite.assets();
    let a = registry.assetOf(asset).call().await?;
    if a.owner.is_zero() {
        bail!("no asset {asset} on chain {} (era asset list --owner <address>)", suite.chain.id);
    }
    // An upheld challenge still slashes a retiring asset's anchor.
    if a.status != AssetStatus::Live as u8 && a.status != AssetStatus::Retiring as u8 {
        bail!(
            "asset {asset} is {}: only live or retiring assets can be challenged",
            status_name(a.status)
        );
    }
    if a.owner == challenger {
        bail!(
            "asset {asset} is {challenger}'s own: an owner's upheld challenge pays the treasury, not the owner; challenge from another account"
        );
    }
    let open = registry.challengeOf(asset, challenger).call().await?;
    if open.committedAt != 0 {
        bail!(
            "{challenger} has an open challenge of asset {asset} already (committed at block {})",
            open.committedAt
        );
    }
    Ok(U256::from(a.stake))
}

/// The block of `commitment`, from its `ChallengeCommitted` event (the registry has no getter).
async fn committed_at(suite: &Suite, commitment: B256) -> Result<Option<u64>> {
    let filter = Filter::new()
        .address(suite.record.addresses().assets)
        .from_block(suite.record.deploy_block())
        .event_signature(StateAssetRegistry::ChallengeCommitted::SIGNATURE_HASH)
        .topic1(commitment);
    let logs = suite.chain.provider.get_logs(&filter).await?;
    Ok(logs.first().and_then(|l| l.block_number))
}

impl CommitArgs {
    async fn run(self) -> Result<()> {
        let (suite, challenger) = self.tx.open().await?;
        challengeable(&suite, self.asset, challenger).await?;
        let evidence = parse_evidence(&self.evidence);
        let salt = self.salt.unwrap_or_else(|| {
            keccak256(alloy::signers::local::PrivateKeySigner::random().to_bytes())
        });
        let commitment = commitment_of(self.asset, challenger, evidence, salt);
        if let Some(block) = committed_at(&suite, commitment).await? {
            bail!(
                "this challenge was committed already at block {block}: reveal it (era asset challenge reveal), or commit with another --salt"
            );
        }
        let out = self.out.unwrap_or_else(|| {
            PathBuf::from(format!("challenge-{}.json", &self.asset.to_string()[2..10]))
        });
        let mut file = CommitmentFile {
            chain_id: suite.chain.id,
            registry: suite.record.addresses().assets,
            asset_id: self.asset,
            challenger,
            evidence,
            salt,
            commitment,
            committed_at: None,
        };
        // Saved before sending: the reveal is impossible without the salt.
        file.write(&out)?;
        let tx = send("commit challenge", suite.assets().commitChallenge(commitment)).await?;
        file.committed_at = Some(tx.block);
        file.write(&out)?;
        let output = CommitOutput {
            asset_id: self.asset,
            challenger,
            evidence,
            salt,
            commitment,
            committed_at: tx.block,
            file: out,
            tx,
        };
        print(&output, self.tx.json)
    }
}

/// `era asset challenge reveal`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("secret").required(true).args(["commitment_file", "evidence"])))]
struct RevealArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The file `commit` wrote.
    #[arg(long, conflicts_with_all = ["evidence", "salt"])]
    commitment_file: Option<PathBuf>,
    /// The evidence as committed (instead of --commitment-file).
    #[arg(long, requires = "salt")]
    evidence: Option<String>,
    /// The salt as committed (instead of --commitment-file).
    #[arg(long, requires = "evidence")]
    salt: Option<B256>,
    #[command(flatten)]
    tx: SendArgs,
}

/// A revealed challenge.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RevealOutput {
    asset_id: B256,
    challenger: Address,
    evidence: B256,
    committed_at: u64,
    #[serde(serialize_with = "era_client::wei::serialize")]
    bond: U256,
    transactions: Vec<Sent>,
}

impl fmt::Display for RevealOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "challenged asset {}", self.asset_id)?;
        writeln!(f, "  challenger   {}", self.challenger)?;
        writeln!(f, "  evidence     {} (committed at block {})", self.evidence, self.committed_at)?;
        write!(
            f,
            "  bond         {} (back with the anchor if upheld; to the owner if dismissed)",
            fmt_era(self.bond)
        )?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

impl RevealArgs {
    async fn run(self) -> Result<()> {
        let (suite, challenger) = self.tx.open().await?;
        let (evidence, salt) = match (&self.commitment_file, &self.evidence, self.salt) {
            (Some(path), _, _) => {
                let text = std::fs::read_to_string(path)
                    .wrap_err_with(|| format!("cannot read {}", path.display()))?;
                let c: CommitmentFile = serde_json::from_str(&text).wrap_err_with(|| {
                    format!("{} is not a file from `era asset challenge commit`", path.display())
                })?;
                if c.chain_id != suite.chain.id || c.registry != suite.record.addresses().assets {
                    bail!(
                        "{} is for registry {} on chain {}, not this chain's {}",
                        path.display(),
                        c.registry,
                        c.chain_id,
                        suite.record.addresses().assets
                    );
                }
                if c.asset_id != self.asset {
                    bail!("{} commits to asset {}, not {}", path.display(), c.asset_id, self.asset);
                }
                if c.challenger != challenger {
                    bail!(
                        "the commitment binds {}, not {challenger}: reveal with {}'s key",
                        c.challenger,
                        c.challenger
                    );
                }
                (c.evidence, c.salt)
            }
            (None, Some(evidence), Some(salt)) => (parse_evidence(evidence), salt),
            _ => bail!("give --commitment-file, or --evidence with --salt"),
        };
        let stake = challengeable(&suite, self.asset, challenger).await?;
        let commitment = commitment_of(self.asset, challenger, evidence, salt);
        let Some(committed) = committed_at(&suite, commitment).await? else {
            bail!(
                "no commitment of {challenger} to this evidence and salt for asset {}: commit first (era asset challenge commit)",
                self.asset
            );
        };
        // One block on top of the commitment before the evidence goes public: revealed in the
        // commitment's own block (or before it is buried) a reorg could drop the commitment while
        // the evidence is out, and a copier's commitment would then be the earlier one.
        let latest = suite.chain.provider.get_block_number().await?;
        if latest <= committed {
            bail!(
                "reveal too early: the commitment is in block {committed}, the latest; reveal once block {} is mined",
                committed + 1
            );
        }
        let bond = stake * CHALLENGE_BOND_BPS / U256::from(10_000u64);
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, challenger, bond, "challenge bond").await?);
        let sent = send("challenge", suite.assets().challenge(self.asset, evidence, salt)).await?;
        let e: StateAssetRegistry::AssetChallenged = event(&receipt(&suite, &sent).await?)?;
        transactions.push(sent);
        let out = RevealOutput {
            asset_id: self.asset,
            challenger,
            evidence,
            committed_at: e.committedAt.to::<u64>(),
            bond: e.bond,
            transactions,
        };
        print(&out, self.tx.json)
    }
}

// ---------------------------------------------------------------- governance

/// `era asset resolve-challenge`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("verdict").required(true).args(["uphold", "dismiss"])))]
pub(super) struct ResolveArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// Whose challenge.
    #[arg(long, value_parser = crate::address::parse)]
    challenger: Address,
    /// The challenge is right: the asset becomes invalid, its anchor and the bond go to the
    /// challenger, later challengers get their bonds back.
    #[arg(long)]
    uphold: bool,
    /// The challenge is wrong: its bond goes to the owner.
    #[arg(long)]
    dismiss: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// A scheduled verdict and what it will move when executed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResolveOutput {
    #[serde(flatten)]
    scheduled: ScheduledOutput,
    asset_id: B256,
    challenger: Address,
    upheld: bool,
    committed_at: u64,
    /// The anchor the asset loses (zero when dismissed).
    #[serde(serialize_with = "era_client::wei::serialize")]
    slashed: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    bond: U256,
    /// Who gets the slashed anchor and the bond (upheld), or the bond (dismissed: the owner).
    rewardee: Address,
    /// Later challengers whose bonds come back (upheld only).
    returned_to: Vec<Address>,
}

impl fmt::Display for ResolveOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.scheduled)?;
        if self.upheld {
            write!(
                f,
                "  on execution {} (anchor) + {} (bond) go to {}",
                fmt_era(self.slashed),
                fmt_era(self.bond),
                self.rewardee
            )?;
            for a in &self.returned_to {
                write!(f, "\n  bond back to {a}")?;
            }
            Ok(())
        } else {
            write!(
                f,
                "  on execution the bond {} goes to the owner {}",
                fmt_era(self.bond),
                self.rewardee
            )
        }
    }
}

impl ResolveArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        suite.client().check_proposer(sender).await?;
        let registry = suite.assets();
        let a = registry.assetOf(self.asset).call().await?;
        if a.owner.is_zero() {
            bail!("no asset {} on chain {}", self.asset, suite.chain.id);
        }
        let c = registry.challengeOf(self.asset, self.challenger).call().await?;
        let open = registry.challengersOf(self.asset).call().await?;
        if c.committedAt == 0 {
            let list = if open.is_empty() {
                "none is open".to_owned()
            } else {
                format!(
                    "open: {}",
                    open.iter().map(Address::to_string).collect::<Vec<_>>().join(", ")
                )
            };
            bail!("{} has no open challenge of asset {} ({list})", self.challenger, self.asset);
        }
        let mut returned_to = Vec::new();
        if self.uphold {
            // The registry rewards the first valid challenge by evidence time: an earlier open
            // one is resolved first. Name the earliest so governance knows where to start.
            let mut earliest: Option<(Address, u64)> = None;
            for other in &open {
                let o = registry.challengeOf(self.asset, *other).call().await?;
                if o.committedAt < c.committedAt
                    && earliest.is_none_or(|(_, at)| o.committedAt < at)
                {
                    earliest = Some((*other, o.committedAt));
                }
                if *other != self.challenger {
                    returned_to.push(*other);
                }
            }
            if let Some((other, at)) = earliest {
                bail!(
                    "{other}'s challenge of asset {}, committed at block {at}, is earlier and still open: resolve it first (this one was committed at block {})",
                    self.asset,
                    c.committedAt
                );
            }
        }
        let call = StateAssetRegistry::resolveChallengeCall {
            assetId: self.asset,
            challenger: self.challenger,
            upheld: self.uphold,
        };
        let target = suite.record.addresses().assets;
        let (operation, tx) = propose(&suite, sender, vec![(target, calldata(&call))]).await?;
        let verdict = if self.uphold { "uphold" } else { "dismiss" };
        let rewardee = match (self.uphold, self.challenger == a.owner) {
            (false, _) => a.owner,
            (true, true) => registry.treasury().call().await?,
            (true, false) => self.challenger,
        };
        let out = ResolveOutput {
            scheduled: ScheduledOutput {
                what: format!("{verdict} {}'s challenge of asset {}", self.challenger, self.asset),
                schema_id: None,
                operation,
                tx,
            },
            asset_id: self.asset,
            challenger: self.challenger,
            upheld: self.uphold,
            committed_at: c.committedAt,
            slashed: if self.uphold { U256::from(a.stake) } else { U256::ZERO },
            bond: U256::from(c.bond),
            rewardee,
            returned_to,
        };
        print(&out, self.tx.json)
    }
}
