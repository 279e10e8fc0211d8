#![doc = "Groth16 (BN254) prover for ERA record predicates. Circuits arrive with the prover issue."]
