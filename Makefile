# driver_auth: a thin menu over scripts/. See README.md; "make help" lists it.
.PHONY: help run run-cc run-coco test check boot shell tree build export bench clean

help:		## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:[^#]*## /\t/' | expand -t 12
run:		## the demo: a default-deny guest, then e1000 authorized and deauthorized
	@scripts/run.sh
run-cc:		## the realistic guest (q35, UEFI, TPM, cloud disks), default deny
	@scripts/run.sh cc
run-coco:	## VM=tdx|snp: a real TDX or SEV-SNP guest under KVM (checks the host first)
	@scripts/run-coco.sh $(VM)
test:		## the whole suite; the last line is "N passed, N failed, N skipped"
	@scripts/test.sh
check:		## the static checks only: checkpatch, bisect, sparse/W=1/kernel-doc, ...
	@RIG_ONLY=check scripts/test.sh
boot:		## SCEN=name: one guest boot of guest/scenarios, with its checks
	@scripts/boot.sh $(SCEN)
shell:		## the demo guest with a shell on the serial console
	@scripts/shell.sh
tree:		## fetch the base and (re)create build/linux from patches/
	@scripts/deps.sh && scripts/fetch-base.sh && scripts/tree.sh
build:		## build the guest kernel from build/linux as it is
	@scripts/build.sh guest
export:		## write patches/{fix,core,buses} from build/linux
	@scripts/export.sh
bench:		## base against series: probe path, boot, size (not asserted)
	@scripts/bench/run.sh
clean:		## remove build outputs (keeps build/linux and its commits)
	rm -rf build/out-* build/initramfs-* build/results build/kernel-* build/bzImage* build/cc-* build/bootconfig-* build/bench build/bisect-linux
