# Qimen Workbench — every target installs what it needs first.
.PHONY: run dev test bench fmt toolchain gateway system-build system-test ui-deps ui-build ui-test ui-lint \
	e2e tauri-driver package sdk-clients

CARGO ?= cargo
NPM ?= npm
# The app embeds ui/dist only with this feature (what `tauri build` passes); every app build here uses
# it, so tests, e2e and `make run` share one set of compiled artifacts.
APP_FEATURES := --features tauri/custom-protocol
TOOLS := $(CURDIR)/target/tools
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
# The Tauri CLI (pinned in ui/package.json) runs from the root, where tauri.conf.json is; the front end
# and its before-build/dev commands live in ui/.
TAURI := TAURI_FRONTEND_PATH=$(CURDIR)/ui ui/node_modules/.bin/tauri
# The end-to-end tests' surroundings: a private D-Bus with a throwaway unlocked keyring, and a virtual
# display big enough for the 1280x820 window.
E2E_SESSION := TAURI_DRIVER=$(TAURI_DRIVER) bash scripts/with-test-keyring.sh \
	xvfb-run -a -s "-screen 0 1440x960x24"

toolchain:
	@bash scripts/ensure-rust-toolchain.sh

system-build:
	@bash scripts/ensure-system-packages.sh build

system-test:
	@bash scripts/ensure-system-packages.sh test

## ui-deps: the UI's npm packages, installed from the lock file whenever it changed
ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && $(NPM) ci --no-audit --no-fund
	@touch $@

ui-build: ui-deps
	cd ui && $(NPM) run build

ui-test: ui-deps
	cd ui && $(NPM) test

## ui-lint: the type check and ESLint (typescript-eslint, React's hooks rules), any warning fails
ui-lint: ui-deps
	cd ui && $(NPM) run lint

## run: build the desktop app with the bundled UI and open it (the first build takes a few minutes)
run: toolchain system-build ui-build
	$(CARGO) run --locked -p qimen-workbench-app $(APP_FEATURES)

## dev: the app on the Vite dev server, reloading the UI on every edit
dev: toolchain system-build ui-deps
	$(TAURI) dev

## gateway: the local gateway alone (the offline platform) on 127.0.0.1:18080
gateway: toolchain
	$(CARGO) run --release -p qimen-cli -- gateway serve

## test: the UI's lint, formatting, lints (warnings are errors), the crate layers, the IPC bindings, every Rust test, the real keyring,
## the UI's tests and build, and the app end to end under Xvfb
test: toolchain system-test ui-lint ui-test ui-build
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked $(APP_FEATURES) -- -D warnings
	bash scripts/check-layers.sh
	bash scripts/check-bindings.sh
	$(CARGO) test --workspace --locked $(APP_FEATURES)
	bash scripts/with-test-keyring.sh $(CARGO) test --locked -p qimen-workbench --test secrets_keyring
	bash scripts/with-test-keyring.sh $(CARGO) test --locked -p qimen-cli --test call_profile
	$(MAKE) e2e
	$(MAKE) sdk-clients

tauri-driver: $(TAURI_DRIVER)

$(TAURI_DRIVER):
	$(CARGO) install --locked --root $(TOOLS) tauri-driver --version '^2'

## e2e: the real app through tauri-driver + WebKitWebDriver, one fresh data dir and keyring service per
## scenario; screenshots land in docs/screenshots
e2e: toolchain system-test ui-build tauri-driver
	$(CARGO) test --locked -p qimen-workbench-app $(APP_FEATURES) --test e2e --no-run
	$(E2E_SESSION) $(CARGO) test --locked -p qimen-workbench-app $(APP_FEATURES) --test e2e \
		-- --ignored --test-threads=1

## sdk-clients: public TOP SDKs from PyPI and npm, installed unmodified into target/sdk-clients, call the
## local gateway through a capture proxy, and `qimen diagnose` judges each request they sent; prints a
## table (needs Python 3 with venv, Node.js 20+ and npm)
sdk-clients: toolchain
	CARGO=$(CARGO) bash scripts/sdk-clients.sh

## package: the Debian package of the desktop app (target/release/bundle/deb/)
package: toolchain system-build ui-deps
	$(TAURI) build --bundles deb

## bench: signing throughput, gateway round trips, the relay's added latency and throughput, history
## search at 100 000 calls by kind of query with the database's size, and the release app next to a
## bare Tauri window (benches/bare-window), both started in turns under Xvfb: window mapped, first
## pixels, visually complete, idle memory and CPU on a first and a later launch, binary and deb sizes
bench: toolchain system-test tauri-driver package
	$(CARGO) bench -p qimen-core --locked --bench signing -- --warm-up-time 1 --measurement-time 3
	$(CARGO) bench -p qimen-server --locked --bench gateway_roundtrip
	$(CARGO) bench -p qimen-server --locked --bench relay
	$(CARGO) bench -p qimen-workbench --locked --bench history_search
	cd benches/bare-window/ui && $(NPM) ci --no-audit --no-fund
	cd benches/bare-window && TAURI_FRONTEND_PATH=$(CURDIR)/benches/bare-window/ui \
		$(CURDIR)/ui/node_modules/.bin/tauri build --bundles deb
	@for deb in target/release/bundle/deb/*.deb; do \
		echo "deb size: $$(du -k "$$deb" | cut -f1) KiB ($$deb)"; done
	$(E2E_SESSION) $(CARGO) bench --locked -p qimen-workbench-app $(APP_FEATURES) --bench app_start
	$(E2E_SESSION) $(CARGO) bench --locked -p qimen-workbench-app $(APP_FEATURES) --bench live_list
	$(E2E_SESSION) $(CARGO) bench --locked -p qimen-workbench-app $(APP_FEATURES) --bench console_figures

fmt:
	$(CARGO) fmt --all
