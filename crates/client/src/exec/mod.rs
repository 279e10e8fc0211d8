//! The settlement engine's ledger (deposits, balances, withdrawals) and each scenario's execution
//! mode.
