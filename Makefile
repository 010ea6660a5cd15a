# policy-tracker: set-up, build, run and test.
#   make run   install what is missing, build (release), run the main job on the shipped data
#   make test  install what is missing, run every test (Swift, luacheck)

SWIFT        ?= swift
APT_PACKAGES := liblua5.4-dev pkg-config lua5.4 lua-check
PY_MODULES   := jsonschema yaml
RELEASE_BIN  := .build/release/policy-tracker

.PHONY: all setup build run test lint-lua clean

all: build

# Installs the Debian packages and Python modules that are missing; silent when nothing is.
setup:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
	@python3 -c 'import jsonschema, yaml' 2>/dev/null || { \
	  echo "installing: python jsonschema pyyaml"; \
	  python3 -m pip install --quiet jsonschema pyyaml; }

build: setup
	$(SWIFT) build -c release --product policy-tracker

run: build
	$(RELEASE_BIN) check

test: setup lint-lua
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint-lua: setup
	cd plugins && luacheck --quiet --no-color .

clean:
	rm -rf .build
