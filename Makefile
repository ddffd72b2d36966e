# driver_auth: a thin menu over scripts/. See README.md.

# make run CC=tdx|snp boots a real confidential guest (scripts/run-coco.sh).
# A variable set on the command line reaches every child's environment and
# every sub-make (MAKEFLAGS): keep this CC from the kernel and kselftest
# builds. CC from the environment, or make's default cc, is no mode.
ifeq ($(origin CC),command line)
COCO := $(CC)
unexport CC
MAKEOVERRIDES := $(filter-out CC=%,$(MAKEOVERRIDES))
endif
.PHONY: run run-cc test shell tree build export bench clean

run:		## the demo report; CC=tdx or CC=snp: a real TDX or SEV-SNP guest
	@$(if $(COCO),scripts/run-coco.sh $(COCO),scripts/run.sh)
run-cc:		## the realistic guest (q35, UEFI, TPM, cloud disks), default deny
	@scripts/run-cc.sh
test:		## the whole suite; last line "N passed, N failed"
	@scripts/test.sh
shell:		## the demo guest with a shell on the serial console
	@scripts/shell.sh
tree:		## fetch the base and (re)create build/linux from patches/
	@scripts/deps.sh && scripts/fetch-base.sh && scripts/tree.sh
build:		## build the guest kernel from build/linux
	@scripts/build.sh guest configs/guest.config
export:		## write patches/ from build/linux (base..HEAD)
	@scripts/export.sh
clean:		## remove build outputs (keeps build/linux and its commits)
	rm -rf build/out-* build/initramfs-* build/results build/bzImage* build/cc-*
bench:		## base vs patched: probe path, boot, size (not asserted)
	@scripts/bench.sh
