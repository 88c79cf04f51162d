# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers of the harness scripts. Sourced, not run.
#
# Every script takes two leading options, handled here:
#   --mode series|base|bisect   which tree: build/linux (the series, the
#                               default), build/base (the unpatched package;
#                               BASE=1 selects it too) or build/bisect (a
#                               worktree of build/linux, scripts/bisect)
#   --results FILE              append result lines to FILE (an outer
#                               script's) instead of owning a file of its own
#   --prefix TEXT               put TEXT before the name of every result
#                               line (make check: "NAME: " for another base)
# The settings a user may give in the environment are listed in README.md
# ("Settings"); nothing else is read from it.  BASE=1 is the default of
# --mode, for the script the user starts: it is not passed on.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Debian's tools come first in PATH: the packages scripts/deps installs
# (python3-ply for checkpatch's SPDX check, say) belong to Debian's python3,
# not to another one earlier in the user's PATH.  README says so.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
JOBS=${JOBS:-$(nproc)}

die() { echo "error: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

# field FILE KEY: the values of KEY in a data file of config/ (lines
# "KEY VALUE"; "#" starts a comment line), one per line, in order.
field() {
	sed -n "s/^$2[[:space:]][[:space:]]*//p; t; /^$2\$/s/.*//p" "$1"
}
# field1 FILE KEY [DEFAULT]: the one value of KEY, or DEFAULT.
field1() {
	local v
	v=$(field "$1" "$2" | tail -n 1)
	echo "${v:-${3:-}}"
}

# The base: a Debian kernel source package.  config/base is the base of
# the series in patches/, built in BUILD (build/).  KERNEL=NAME picks a
# base of config/bases/ instead (a port to another kernel), with its series in
# patches/NAME/ and its builds in BUILD/NAME/.  A base with a "suite" is
# fetched from that suite of Debian's archive (scripts/tree).
BUILD=$(realpath -m "${BUILD:-$TOP/build}")
if [ -n "${KERNEL:-}" ]; then
	BASE_FILE=$TOP/config/bases/$KERNEL
	[ -f "$BASE_FILE" ] || die "no base $KERNEL in config/bases/"
	PATCHES=$TOP/patches/$KERNEL
	# A script started by another one may have BUILD/NAME already.
	case $BUILD in */"$KERNEL") ;; *) BUILD=$BUILD/$KERNEL ;; esac
else
	BASE_FILE=$TOP/config/base
	PATCHES=$TOP/patches
fi
BASE_NAME=${KERNEL:-$(field1 "$BASE_FILE" name)}
BASE_PKG=$(field1 "$BASE_FILE" package)
# SERIES= names a series directory (series_dirs), checked once here.
[ -z "${SERIES:-}" ] || [ -d "$PATCHES/$SERIES" ] ||
	die "SERIES=$SERIES: no ${PATCHES#"$TOP"/}/$SERIES/"
# The series the base carries too ("base-series": fixes bound upstream on
# their own, which the base needs to pass its tests).
BASE_SERIES=$(field "$BASE_FILE" base-series)
BASE_TESTED=$(field1 "$BASE_FILE" version)
BASE_SUITE=$(field1 "$BASE_FILE" suite)
[ -n "$BASE_PKG" ] || die "${BASE_FILE#"$TOP"/} names no package"
if [ -n "$BASE_SUITE" ]; then
	TARBALL=${TARBALL:-$BUILD/apt/usr/src/$BASE_PKG.tar.xz}
else
	TARBALL=${TARBALL:-/usr/src/$BASE_PKG.tar.xz}
fi

# BASE=1 is the user's way to say --mode base, read by the script the user
# starts; the scripts it starts get --mode instead.
MODE=series
[ "${BASE:-0}" = 1 ] && MODE=base
unset BASE
RESULTS=
TAP_PREFIX=
while [ $# -gt 0 ]; do
	case $1 in
	--mode) MODE=$2; shift 2 ;;
	--results) RESULTS=$2; shift 2 ;;
	--prefix) TAP_PREFIX=$2; shift 2 ;;
	*) break ;;
	esac
done
case $MODE in
series) SRC=$BUILD/linux ;;
base) SRC=$BUILD/base ;;
bisect) SRC=$BUILD/bisect ;;
prove) SRC=$BUILD/linux ;;	# the series with a broken fixture (scripts/prove)
*) echo "error: unknown mode $MODE" >&2; exit 2 ;;
esac
OBJ=$BUILD/obj/$MODE
OUT=$BUILD/out/$MODE

git_t() { git -C "$SRC" "$@"; }

# The series: the NNNN-*.patch files of PATCHES, or, when PATCHES holds
# directories N-NAME/, one series per directory, applied in order, each
# with its own cover letter.  SERIES=N-NAME stops after that one.
series_dirs() {
	local d found=0
	for d in "$PATCHES"/[0-9]-*/; do
		[ -d "$d" ] || continue
		found=1
		echo "${d%/}"
		[ "$(basename "$d")" != "${SERIES:-}" ] || return 0
	done
	[ "$found" = 1 ] || echo "$PATCHES"
}
# The patches of DIR..., in order, without cover letters.
dir_patches() {
	local d f
	for d in "$@"; do
		for f in "$d"/[0-9][0-9][0-9][0-9]-*.patch; do
			case $f in */0000-cover-letter.patch | *'[0-9]'*) continue ;; esac
			echo "$f"
		done
	done
}

# The project identity used for the base commit and for Signed-off-by:.
IDENT_NAME="devmem-idx project"
IDENT_EMAIL="devmem-idx@lists.example.org"
# A fixed date makes the base commit (and hence every commit on it)
# reproducible across machines.
BASE_DATE="2025-01-01T00:00:00+0000"

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# ccache's depend mode: a miss runs no preprocessor (kbuild's -Wp,-MMD
# gives the headers), so an empty cache costs what no ccache does; in
# its default mode a miss costs more (mm/ of x86_64_defconfig, 12-03:
# 62 s cold, 53 s without ccache, 48 s in depend mode).  Hits are direct
# hits either way, those of a cache filled without it too.
[ -n "${CCACHE_NODEPEND:-}" ] || export CCACHE_DEPEND=1
export KBUILD_BUILD_TIMESTAMP="$BASE_DATE"
export KBUILD_BUILD_USER=devmem-idx KBUILD_BUILD_HOST=build
if command -v ccache >/dev/null; then CCACHE=ccache; else CCACHE=; fi

# Data files: config/arch/NAME (a target architecture), config/kernels/NAME
# (a kernel build) and config/guests/NAME (a guest run).
arch_file() { echo "$TOP/config/arch/$1"; }
kernel_file() { echo "$TOP/config/kernels/$1"; }
arches() { (cd "$TOP/config/arch" && ls); }
# The guest runs of "make test" (or of another suite) on this base: that
# suite ("test" by default), and this base
# among the run's "bases" when it names any.
test_guests() {	# [SUITE]: the guest runs of that suite (default test)
	local f b
	for f in "$TOP"/config/guests/*; do
		[ "$(field1 "$f" suite)" = "${1:-test}" ] || continue
		b=$(field1 "$f" bases)
		[ -z "$b" ] || { [ -n "$BASE_NAME" ] && tr ' ' '\n' <<<"$b" | grep -qxF -- "$BASE_NAME"; } || continue
		basename "$f"
	done
}

# Result lines: "STATUS<TAB>NAME<TAB>COMMENT", STATUS one of ok, fail, skip
# and xfail, appended to $RESULTS and printed as TAP at once.  The script
# that owns the file (the outermost) exits non-zero if anything failed.
RESULTS_OWNED=0
if [ -z "$RESULTS" ]; then
	RESULTS=$(mktemp)
	RESULTS_OWNED=1
fi
# Scripts add their own cleanup to TAP_CLEANUP rather than another trap.
TAP_CLEANUP=
_tap_end() {
	local rc=$?
	eval "$TAP_CLEANUP"
	if [ "$RESULTS_OWNED" = 1 ]; then
		grep -q '^fail' "$RESULTS" && rc=1
		rm -f "$RESULTS"
	fi
	exit $rc
}
trap _tap_end EXIT

tap() {	# tap ok|fail|skip|xfail NAME [COMMENT]
	local st=$1 name=$TAP_PREFIX$2 cmt=${3:-} n line
	[ -f "$RESULTS" ] || : >"$RESULTS"
	n=$(($(wc -l <"$RESULTS") + 1))
	printf '%s\t%s\t%s\n' "$st" "$name" "$cmt" >>"$RESULTS"
	# kselftest's forms: "# SKIP reason", "# XFAIL reason".
	case $st in
	ok) line="ok $n $name${cmt:+ # $cmt}" ;;
	fail) line="not ok $n $name${cmt:+ # $cmt}" ;;
	skip) line="ok $n $name # SKIP${cmt:+ $cmt}" ;;
	xfail) line="ok $n $name # XFAIL${cmt:+ $cmt}" ;;
	*) die "tap: bad status $st" ;;
	esac
	echo "$line"
}
# tap_file FILE: the result lines of FILE, as tap() lines.
tap_file() {
	local st name cmt
	while IFS=$'\t' read -r st name cmt; do
		tap "$st" "$name" "$cmt"
	done <"$1"
}
# totals FILE: "N passed, N failed, N skipped, N xfail".
totals() {
	awk -F'\t' '{ n[$1]++ }
	END { printf "%d passed, %d failed, %d skipped, %d xfail\n",
	      n["ok"], n["fail"], n["skip"], n["xfail"] }' "$1"
}

# Kernel make for architecture $1 (config/arch) in build directory $2,
# with ccache where available.
amake() {	# amake ARCH OBJDIR [make args...]
	local a=$1 o=$2 cc
	shift 2
	cc=$(field1 "$(arch_file "$a")" cc gcc)
	# shellcheck disable=SC2046
	make -C "$SRC" O="$o" -j"$JOBS" $(field1 "$(arch_file "$a")" make) \
		CC="${CCACHE:+$CCACHE }$cc" "$@"
}

# Configure OBJDIR for architecture ARCH from a base target (tinyconfig,
# a defconfig) plus fragments, and fail naming every symbol whose setting
# did not survive olddefconfig.  Where fragments disagree, the last wins.
kconfig() {	# kconfig ARCH OBJDIR BASE-TARGET FRAGMENT...
	local a=$1 o=$2 base=$3 want v missing="" sym
	shift 3
	local margs
	margs=$(field1 "$(arch_file "$a")" make)
	# The tree's commit too: bisecting, a later patch may add a symbol.
	want=$(cat "$@" | md5sum)-$base-$margs-$(git_t rev-parse -q HEAD 2>/dev/null || echo none)
	if [ -f "$o/.config" ] && [ "$(cat "$o/.config.inputs" 2>/dev/null)" = "$want" ]; then
		return 0
	fi
	mkdir -p "$o"
	# Until configured again, the directory matches no inputs.
	rm -f "$o/.config.inputs"
	# shellcheck disable=SC2086
	make -s -C "$SRC" O="$o" $margs "$base" >/dev/null
	"$SRC/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" "$@" >/dev/null
	# shellcheck disable=SC2086
	make -s -C "$SRC" O="$o" $margs olddefconfig >/dev/null
	# A symbol this tree does not define (one the series adds, on the base
	# or early in a bisection) is not an error; one that did not survive
	# its dependencies is.
	while read -r sym v; do
		case $v in
		n) grep -q "^$sym=" "$o/.config" || continue ;;
		*) grep -qxF "$sym=$v" "$o/.config" && continue ;;
		esac
		grep -rqxE --include='Kconfig*' "(menu)?config ${sym#CONFIG_}" "$SRC" &&
			missing="$missing $sym"
	done < <(sed -nE 's/^(CONFIG_[A-Za-z0-9_]*)=(.*)/\1 \2/p;
			 s/^# (CONFIG_[A-Za-z0-9_]*) is not set/\1 n/p' "$@" |
		 awk '{ v[$1] = $2; if (!($1 in seen)) { seen[$1] = 1; o[n++] = $1 } }
		      END { for (i = 0; i < n; i++) print o[i], v[o[i]] }')
	[ -z "$missing" ] || die "config symbols lost in $o/.config:$missing"
	echo "$want" >"$o/.config.inputs"
}

# The kbuild single target for an object: amdkfd is built from amdgpu's
# Makefile, so its objects are named relative to that directory.
kbuild_target() {
	case $1 in
	drivers/gpu/drm/amd/amdkfd/*) echo "drivers/gpu/drm/amd/amdgpu/../amdkfd/${1##*/}" ;;
	*) echo "$1" ;;
	esac
}

# kbuild_objects ARCH OBJDIR LOG [make args] -- OBJECT...: compile the
# objects in one make (-k, so that one failure does not hide the rest,
# and with the jobs of JOBS), each rebuilt.  Its output, in LOG, is kept
# by target (--output-sync) and verbose enough to tell the targets apart:
# obj_lines reads one object's part of it.
kbuild_objects() {
	local a=$1 o=$2 log=$3 args=() obj targets=()
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	for obj; do
		# The command file too: what is left of a run is this run's.
		rm -f "$o/$obj" "$o/$(dirname "$obj")/.$(basename "$obj").cmd"
		targets+=("$(kbuild_target "$obj")")
	done
	[ ${#targets[@]} -gt 0 ] || return 0
	amake "$a" "$o" -k --output-sync=target "${args[@]}" "${targets[@]}" >"$log" 2>&1
}
# obj_lines OBJECT LOG [CHECK]: what LOG says of OBJECT: the lines after
# its quiet-command line ("  CC      mm/memory.o") up to the next one;
# with CHECK, those after sparse's ("  CHECK   mm/memory.c") instead.
# A line of make's own ("make[2]: *** [...: mm/memory.o] Error 1", "No
# rule to make target") is the object's if it names the object, and ends
# whatever block came before it.
obj_lines() {
	local t
	t=$(kbuild_target "$1")
	[ -z "${3:-}" ] || t=${t%.o}.c
	awk -v t="$t" -v o="$(kbuild_target "$1")" -v chk="${3:-}" -v q="'" '
		/^  [A-Z][A-Z0-9_]* +(\[M\] +)?[^ ]+$/ {
			on = ($NF == t && (($1 == "CHECK") == (chk != "")))
			next
		}
		/^make(\[[0-9]+\])?: / {
			on = 0
			if (chk == "" && (index($0, " " o "]") || index($0, q o q)))
				print
			next
		}
		on' "$2"
}

# apt_private DIR TYPE SUITE [stale-ok]: apt-get with APT_CONFIG=DIR/apt.conf
# then reads SUITE of the Debian archive the machine uses, entries of TYPE
# (deb or deb-src), and nothing else: sources, lists and cache are DIR's,
# and the machine's apt configuration is neither read nor changed.
# Updated here.  With "stale-ok", a Release file past its Valid-Until date
# is accepted (unstable's, on a mirror frozen in time).
apt_private() {
	local d=$1 uri
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/sources" "$d/empty"
	uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
	printf 'Types: %s\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
		"$2" "${uri:-http://deb.debian.org/debian}" "$3" \
		/usr/share/keyrings/debian-archive-keyring.gpg >"$d/sources/base.sources"
	cat >"$d/apt.conf" <<-EOF
	Dir::Etc::main "/dev/null";
	Dir::Etc::Parts "$d/empty";
	Dir::Etc::SourceList "/dev/null";
	Dir::Etc::SourceParts "$d/sources";
	Dir::Etc::Preferences "/dev/null";
	Dir::Etc::PreferencesParts "$d/empty";
	Dir::State::Lists "$d/lists";
	Dir::Cache "$d/cache";
	APT::Sandbox::User "$(id -un)";
	Acquire::Check-Valid-Until "$([ "${4:-}" = stale-ok ] && echo false || echo true)";
	EOF
	APT_CONFIG=$d/apt.conf apt-get -qq update >&2 ||
		die "apt-get update of Debian's $3 failed"
}
