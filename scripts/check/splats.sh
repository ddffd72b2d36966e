#!/bin/bash
# check/splats.sh LOG...: print the kernel warnings (lockdep, KASAN, UBSAN,
# WARN, BUG, leaks) found in console logs; exit 1 if there is any.
set -euo pipefail

pattern='WARNING:|BUG:|BUG |Oops|KASAN|UBSAN|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU|sleeping function called|ODEBUG|kobject.*not initialized|Kernel panic|refcount_t:'
if grep -nE "$pattern" "$@"; then
	exit 1
fi
