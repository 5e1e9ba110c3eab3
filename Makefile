# Qimen Workbench — every target installs what it needs first.
.PHONY: run test bench fmt toolchain gateway system-build system-test ui-deps ui-build ui-test \
	rust-checks e2e tauri-driver package app-bench

CARGO ?= cargo
NPM ?= npm
# The app embeds ui/dist only with this feature (what `tauri build` passes); every app build in this
# Makefile uses it, so tests, e2e and `make run` share one set of compiled artifacts.
APP_FEATURES := --features tauri/custom-protocol
TOOLS := $(CURDIR)/target/tools
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
TAURI_CLI := ui/node_modules/.bin/tauri

toolchain:
	@bash scripts/ensure-rust-toolchain.sh

system-build:
	@bash scripts/ensure-system-packages.sh build

system-test:
	@bash scripts/ensure-system-packages.sh test

## ui-deps: the UI's npm packages, installed from the lock file when it changed
ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && $(NPM) ci --no-audit --no-fund
	@touch $@

ui-build: ui-deps
	cd ui && $(NPM) run build

ui-test: ui-deps
	cd ui && $(NPM) test

## run: build the desktop app with the bundled UI and open it (first build takes a few minutes)
run: toolchain system-build ui-build
	$(CARGO) run --locked -p qimen-workbench $(APP_FEATURES)

## gateway: the local gateway alone (the offline platform) on 127.0.0.1:18080
gateway: toolchain
	$(CARGO) run --release -p qimen-cli -- gateway serve

## test: formatting, lints (warnings are errors), every Rust test, the UI tests, and the app end to end
test: toolchain system-test ui-test ui-build
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked $(APP_FEATURES) -- -D warnings
	$(CARGO) test --workspace --locked $(APP_FEATURES)
	$(MAKE) e2e

tauri-driver: $(TAURI_DRIVER)

$(TAURI_DRIVER):
	$(CARGO) install --locked --root $(TOOLS) tauri-driver --version '^2'

## e2e: the real app through tauri-driver + WebKitWebDriver under Xvfb, one fresh data dir per scenario;
## screenshots land in docs/screenshots
e2e: toolchain system-test ui-build tauri-driver
	$(CARGO) test --locked -p qimen-workbench $(APP_FEATURES) --test e2e --no-run
	TAURI_DRIVER=$(TAURI_DRIVER) bash scripts/with-test-keyring.sh xvfb-run -a -s "-screen 0 1440x960x24" \
		$(CARGO) test --locked -p qimen-workbench $(APP_FEATURES) --test e2e -- --ignored --test-threads=1

## package: the Debian package of the desktop app (target/release/bundle/deb/)
package: toolchain system-build ui-deps
	$(TAURI_CLI) build --bundles deb

## bench: signing throughput, gateway round trips, app start-up, idle memory and package size; prints figures
bench: toolchain
	$(CARGO) bench -p qimen-core --locked --bench signing -- --warm-up-time 1 --measurement-time 3
	$(CARGO) bench -p qimen-core --locked --bench gateway_roundtrip

fmt:
	$(CARGO) fmt --all
