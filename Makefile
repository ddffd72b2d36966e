# driver_auth: a thin menu over scripts/. See README.md.
.PHONY: run test shell tree build export bench clean

run:		## build the patched guest and show the demo report
	@scripts/run.sh
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
	rm -rf build/out-* build/initramfs-* build/results build/bzImage*
bench:		## base vs patched: probe path, boot, size (not asserted)
	@scripts/bench.sh
