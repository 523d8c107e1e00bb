# The two commands of the README.
.PHONY: run test deps build
run:            ## build assets, dev certificate, uWSGI + Gatehouse on https://localhost:8443
	bash scripts/run.sh
test:           ## the whole test suite (unit + real-process integration)
	bash scripts/test.sh
deps:
	bash scripts/deps.sh
build:
	swift build
