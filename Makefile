# Qimen Workbench — every target installs what it needs first.
.PHONY: run test bench fmt lint toolchain gateway

CARGO ?= cargo

toolchain:
	@bash scripts/ensure-rust-toolchain.sh

## run: start the local gateway (the offline platform) on 127.0.0.1:18080
run: gateway

gateway: toolchain
	$(CARGO) run --release -p qimen-cli -- gateway serve

## test: formatting, lints (warnings are errors) and every test
test: toolchain
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) test --workspace --locked

## bench: signing throughput and gateway round trips; prints the figures
bench: toolchain
	$(CARGO) bench -p qimen-core --locked --bench signing -- --warm-up-time 1 --measurement-time 3
	$(CARGO) bench -p qimen-core --locked --bench gateway_roundtrip

fmt:
	$(CARGO) fmt --all
