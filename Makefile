# Backcoach: `make run` to try it, `make test` to check it. Both install what is missing.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Two workers: the suite is half browser tests, and this machine has two cores.
PYTEST_ARGS ?= -n 2

.PHONY: run test lint format bench messages bootstrap clean

bootstrap:
	@scripts/bootstrap.sh

# Development: debug on (tracebacks, the demo accounts, a generated key).
run: export DEBUG = 1
run: bootstrap
	$(BIN)/backcoach manage migrate --noinput -v 0
	$(BIN)/backcoach demo
	PORT=$(PORT) $(BIN)/backcoach serve

# The camera coach's browser tests run the pose model at real speed: they go last,
# on their own, so that no other test competes with them for the two cores.
test: bootstrap
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not camera"
	$(BIN)/python -m pytest -p no:randomly -m camera

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy backcoach tests

format: bootstrap
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: bootstrap
	$(BIN)/backcoach bench all

# Refresh the .po files after changing UI strings; translators then edit them.
messages: export DEBUG = 1
messages: bootstrap
	cd backcoach && ../$(BIN)/backcoach manage makemessages -l nl -l en -l pl -l tr --no-obsolete
	$(BIN)/backcoach manage compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules staticfiles
