# SPDX-License-Identifier: GPL-2.0
# Shared settings for the harness scripts. Sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Debian's tools first: the packages installed by scripts/deps (python3-ply
# for checkpatch's SPDX check, say) belong to Debian's python3, not to
# another one earlier in PATH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
BUILD=${BUILD:-$TOP/build}
JOBS=${JOBS:-$(nproc)}
TARBALL=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
BASE_PKG=linux-source-6.12
# The Debian package version the series was last tested on.
BASE_TESTED=$(sed -n 's/^version=//p' "$TOP/config/base")

# The project identity used for the base commit and for Signed-off-by:.
IDENT_NAME="devmem-idx project"
IDENT_EMAIL="devmem-idx@lists.example.org"
# A fixed date makes the base commit (and hence every commit on it)
# reproducible across machines.
BASE_DATE="2025-01-01T00:00:00+0000"

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export KBUILD_BUILD_TIMESTAMP="$BASE_DATE"
export KBUILD_BUILD_USER=devmem-idx KBUILD_BUILD_HOST=build

# MODE=series: build/linux with the series applied; MODE=base (BASE=1): the
# unpatched package, extracted to build/base.
MODE=${MODE:-series}
[ "${BASE:-0}" = 1 ] && MODE=base
case $MODE in
series) SRC=$BUILD/linux ;;
base) SRC=$BUILD/base ;;
bisect) SRC=$BUILD/bisect ;;	# a worktree of build/linux (scripts/bisect)
*) echo "unknown MODE=$MODE" >&2; exit 2 ;;
esac
OBJ=$BUILD/obj/$MODE
OUT=$BUILD/out/$MODE

if command -v ccache >/dev/null; then CCACHE=ccache; else CCACHE=; fi

die() { echo "error: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

# Results of "make check": one TAP line per test or check, appended to
# $RESULTS (tab separated: status, name, comment) and printed at once.  The
# outermost script owns the file: it exits non-zero if anything failed.
RESULTS_OWNED=0
if [ -z "${RESULTS:-}" ]; then
	RESULTS=$(mktemp)
	RESULTS_OWNED=1
	export RESULTS
fi
# Scripts add their own cleanup to TAP_CLEANUP rather than another trap.
_tap_end() {
	local rc=$?
	eval "${TAP_CLEANUP:-}"
	if [ "$RESULTS_OWNED" = 1 ]; then
		grep -q '^fail' "$RESULTS" && rc=1
		rm -f "$RESULTS"
	fi
	exit $rc
}
trap _tap_end EXIT

tap() {	# tap ok|fail|skip name [comment]
	local st=$1 name=$2 cmt=${3:-} n line
	[ -f "$RESULTS" ] || : >"$RESULTS"
	n=$(($(wc -l <"$RESULTS") + 1))
	printf '%s\t%s\t%s\n' "$st" "$name" "$cmt" >>"$RESULTS"
	case $st in
	ok) line="ok $n $name" ;;
	fail) line="not ok $n $name" ;;
	skip) line="ok $n $name # SKIP" ;;
	*) die "tap: bad status $st" ;;
	esac
	if [ -n "$cmt" ] && [ "$st" != skip ]; then line="$line # $cmt"
	elif [ -n "$cmt" ]; then line="$line $cmt"; fi
	echo "$line"
}

# Kernel make in a build directory, with ccache where available.
kmake() {	# kmake objdir [make args...]
	local o=$1
	shift
	make -C "$SRC" O="$o" -j"$JOBS" ${CCACHE:+CC="$CCACHE gcc"} "$@"
}

# Configure $1 from a base target ($2, e.g. tinyconfig) plus fragments,
# and fail naming every fragment symbol that did not survive olddefconfig.
kconfig() {	# kconfig objdir base-target fragment... [-- make args]
	local o=$1 base=$2 f s missing=
	shift 2
	local frags=() args=()
	while [ $# -gt 0 ]; do
		[ "$1" = -- ] && { shift; args=("$@"); break; }
		frags+=("$1"); shift
	done
	local stamp="$o/.config.inputs"
	local want
	want=$(cat "${frags[@]}" | md5sum)-$base-${args[*]}
	if [ -f "$o/.config" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
		return 0
	fi
	mkdir -p "$o"
	make -s -C "$SRC" O="$o" "${args[@]}" "$base" >/dev/null
	"$SRC/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" "${frags[@]}" >/dev/null
	make -s -C "$SRC" O="$o" "${args[@]}" olddefconfig >/dev/null
	# A symbol this tree does not define (one the series adds, on the base
	# or early in a bisection) is not an error; one that did not survive
	# its dependencies is.
	for f in "${frags[@]}"; do
		for s in $(grep -o '^CONFIG_[A-Za-z0-9_]*=.*' "$f"); do
			grep -qxF "$s" "$o/.config" && continue
			s=${s%%=*}
			grep -rqxE --include='Kconfig*' "(menu)?config ${s#CONFIG_}" "$SRC" &&
				missing="$missing $s"
		done
	done
	[ -z "$missing" ] || die "config symbols lost in $o/.config:$missing"
	echo "$want" >"$stamp"
}

# The kbuild single target for an object: amdkfd is built from amdgpu's
# Makefile, so its objects are named relative to that directory.
kbuild_target() {
	case $1 in
	drivers/gpu/drm/amd/amdkfd/*) echo "drivers/gpu/drm/amd/amdgpu/../amdkfd/${1##*/}" ;;
	*) echo "$1" ;;
	esac
}
