//! The store on both databases: an epoch's logs come back in chain order within its half-open
//! time window, a rollback drops what is above the ancestor and moves the cursor, and another
//! deployment's identity is refused.

use alloy::primitives::{Address, B256, Bytes};
use era_indexer::{
    Batch, Error, Identity, IndexedLog, Store, StoredBlock, scratch_postgres::ScratchPostgres,
};
use futures_util::TryStreamExt as _;

fn log(block: u64, log_index: u64, timestamp: u64) -> IndexedLog {
    IndexedLog {
        block,
        log_index,
        timestamp,
        tx_hash: B256::repeat_byte(block as u8),
        address: Address::repeat_byte(7),
        topics: vec![B256::repeat_byte(1), B256::repeat_byte(log_index as u8)],
        data: Bytes::from(vec![block as u8; 40]),
    }
}

fn header(number: u64, timestamp: u64) -> StoredBlock {
    StoredBlock {
        number,
        hash: B256::repeat_byte(number as u8),
        parent_hash: B256::repeat_byte(number as u8 - 1),
        timestamp,
    }
}

async fn window(store: &Store, from: u64, to: u64) -> Vec<(u64, u64)> {
    let logs: Vec<IndexedLog> = store.logs(from, to).try_collect().await.unwrap();
    logs.iter().map(|l| (l.block, l.log_index)).collect()
}

async fn check(store: &Store) {
    let id = Identity { chain_id: 31337, deployment: "0xabc@1".into() };
    store.claim(&id).await.unwrap();
    store.claim(&id).await.unwrap();
    // Blocks 1 and 2 share a timestamp; rows arrive out of order.
    let times = [(1, 100), (2, 100), (3, 200), (4, 300), (5, 400)];
    let mut batch = Batch { next_block: Some(6), ..Batch::default() };
    for &(block, time) in times.iter().rev() {
        batch.blocks.push(header(block, time));
        batch.logs.extend([log(block, 1, time), log(block, 0, time)]);
    }
    store.commit(&batch).await.unwrap();

    assert_eq!(window(store, 100, 300).await, [(1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1)]);
    assert_eq!(window(store, 301, 400).await, []);
    let all = store.all_logs().await.unwrap();
    assert_eq!(all.len(), 10);
    assert_eq!(all[0], log(1, 0, 100));
    assert_eq!(store.counts().await.unwrap(), [(Address::repeat_byte(7), 10)]);
    assert_eq!(store.next_block().await.unwrap(), Some(6));

    store.rollback_to(2).await.unwrap();
    assert_eq!(window(store, 0, u64::MAX).await, [(1, 0), (1, 1), (2, 0), (2, 1)]);
    assert_eq!(store.next_block().await.unwrap(), Some(3));
    assert_eq!(store.tip().await.unwrap(), Some(header(2, 100)));

    let other = Identity { chain_id: 31337, deployment: "0xdef@1".into() };
    let err = store.claim(&other).await.unwrap_err();
    assert!(matches!(err, Error::OtherDeployment { .. }), "{err}");
    assert!(err.to_string().contains("deployment 0xabc@1, not chain 31337's deployment 0xdef@1"));
}

#[tokio::test]
async fn sqlite() {
    let dir = tempfile::tempdir().unwrap();
    check(&Store::open_sqlite(&dir.path().join("a/index.sqlite")).await.unwrap()).await;
}

#[tokio::test]
async fn postgres() {
    let server = ScratchPostgres::start().unwrap();
    check(&Store::open(&server.url()).await.unwrap()).await;
}
