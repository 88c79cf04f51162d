# SPDX-License-Identifier: GPL-2.0
#
# Typed device-private memory index: the kernel series in patches/ and the
# harness that proves it.  See README.md.
#
#   make            build, boot under QEMU, run KUnit + hmm-tests, show results
#   make check      the same plus harness self-tests and static checks (CI)
#   BASE=1          the same on the unpatched base (make BASE=1, make check BASE=1)
#   make bench      base and series side by side: timings, ratios, build/bench/

S := scripts

.PHONY: all test check deps tree export build run static drivers selftest \
	cocci bisect bench clean distclean help

all: test

help:
	@sed -n 's/^#   //p' Makefile README.md | head -20

deps:
	@$(S)/deps

tree: deps
	@$(S)/tree

export:
	@$(S)/export

build: tree
	@$(S)/build

# The main job: build, boot, test, print the table.
test: build
	@$(S)/test

check: deps
	@$(S)/check

# Single stages of "make check", for iterating.
static: tree
	@$(S)/static
drivers: tree
	@$(S)/drivers
selftest: tree
	@$(S)/selftest

# The Coccinelle conversion on any driver: make cocci DIR=path/to/driver
cocci: tree
	@$(S)/cocci dir "$(DIR)"

bisect: tree
	@$(S)/bisect

# Base against series: hmm_range_fault, migration, registration, host RAM.
# Not part of "make check"; asserts no timings.
bench: deps
	@$(S)/bench

clean:
	rm -rf build/obj build/out
distclean:
	@git -C build/linux diff --quiet HEAD 2>/dev/null || \
		{ echo "build/linux has uncommitted changes; not removing" >&2; exit 1; }
	rm -rf build
