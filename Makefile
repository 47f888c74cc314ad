# kzunesco — two commands on a fresh machine: `make run` and `make test`.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

# The first interpreter that is Python >= 3.12: python3.13, python3.12, then pyenv's.
FIND_PYTHON := for candidate in python3.13 python3.12 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null) python3; do \
	if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		command -v $$candidate; break; fi; done

.PHONY: run test lint install install-test messages check-deploy backup restore clean

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_documents
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-test
	$(PY) -m pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	@python="$$($(FIND_PYTHON))"; \
	if [ -z "$$python" ]; then \
		echo "kzunesco needs Python 3.12 or newer (Django 6). Install python3.12 or python3.13, or 'pyenv install 3.12', and run make again." >&2; \
		exit 1; fi; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Regenerate the Kazakh and Russian catalogues after changing UI strings (needs GNU gettext).
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l kk -l ru --ignore=.venv --ignore=staticfiles --ignore=benchmarks --ignore=tests --no-location
	$(PY) manage.py compilemessages --ignore=.venv

check-deploy: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=kzunesco_site.settings.production \
	SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
	ALLOWED_HOSTS=kzunesco.example DATABASE_URL=sqlite:///check.sqlite3 \
	$(PY) manage.py check --deploy --fail-level WARNING

# The database (XML with natural keys) and media into backups/<date>/; restore with
# `make restore BACKUP=backups/<date>` (into SQLite or PostgreSQL, per DATABASE_URL).
backup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py backup

restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<folder>" >&2; exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py restore "$(BACKUP)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
