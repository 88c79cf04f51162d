# SPDX-License-Identifier: GPL-2.0
#
# Typed device-private memory index: the kernel series in patches/ and the
# harness that proves it.  "make help" lists the targets; README.md says
# more, settings included.

S := scripts
BUILD ?= build

.PHONY: all help deps tree export build test check static drivers selftest \
	cocci bisect bench stress clean distclean

all: test ## the main job: build, boot the guest runs, print the results

help: ## this list
	@sed -n 's/^\([a-z]*\):.*## \(.*\)/  make \1\t\2/p' Makefile | expand -t 18
	@echo "  Settings (BASE=1, ...): README.md, \"Settings\""

deps: ## install the Debian packages the harness needs (as root)
	@$(S)/deps

tree: deps ## make build/linux: the base plus patches/, one commit each
	@$(S)/tree

export: ## write patches/ from the commits of build/linux
	@$(S)/export

build: tree ## build the test kernel and its products
	@$(S)/build

test: build ## boot the guest runs of config/guests/, print a result table
	@$(S)/test

check: deps ## everything, as TAP (what CI runs)
	@$(S)/check

static: tree ## checkpatch, sparse and W=1 against the base
	@$(S)/static

drivers: tree ## compile the driver objects of config/arch/
	@$(S)/drivers

selftest: tree ## the harness self-tests
	@$(S)/selftest

cocci: tree ## the series' Coccinelle script on DIR=path/to/driver
	@$(S)/cocci dir "$(DIR)"

bisect: tree ## build every patch (BOOT=1: and test it; FROM=N TO=M)
	@$(S)/bisect

bench: deps ## base against series: timings and ratios (PROFILE=1: by function; P2P=1: peer access)
	@$(S)/bench

stress: tree ## the long reliability runs (fault injection, concurrency, reload, bad input)
	@$(S)/stress

clean: ## remove objects, products and guest runs; keep the trees and bench results
	rm -rf $(addprefix $(BUILD)$(if $(KERNEL),/$(KERNEL))/,obj out runs tools)
distclean: ## remove build/ (refused over uncommitted work in any of its trees)
	@for t in $(BUILD)/linux $(BUILD)/*/linux; do \
		[ ! -d $$t ] || git -C $$t diff --quiet HEAD || \
		{ echo "$$t has uncommitted changes; not removing" >&2; exit 1; }; \
	done
	rm -rf $(BUILD)
