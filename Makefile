.PHONY: run test
# Install what is missing, build, and run Coursegate on the example mapping.
run:
	scripts/run
# Every test, from a fresh clone.
test:
	scripts/test
