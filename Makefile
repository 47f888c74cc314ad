# kzunesco — two commands on a fresh machine: `make run` and `make test`.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

# The first interpreter that is Python >= 3.12: python3.13, python3.12, then pyenv's.
FIND_PYTHON := for candidate in python3.13 python3.12 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null) python3; do \
	if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		command -v $$candidate; break; fi; done

.PHONY: run serve demo-data bench test mutation lint install install-test messages check-deploy backup restore clean

# The site and its background worker (imports, undo, long exports), stopped together.
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_documents
	@$(PY) manage.py run_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# gunicorn with the production settings, as a server runs it, on http://127.0.0.1:$(PORT)/.
# The environment (see .env.example) wins; otherwise local values: SQLite, a secret key
# kept in var/, plain HTTP on 127.0.0.1.
serve: $(VENV)/.installed
	@mkdir -p var; test -s var/secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > var/secret-key
	@export DJANGO_SETTINGS_MODULE=kzunesco_site.settings.production \
		SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}" \
		ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3}" \
		SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" PORT=$(PORT); \
	set -e; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py load_documents; \
	$(PY) manage.py collectstatic --noinput --verbosity 0; \
	echo "Serving with gunicorn on http://127.0.0.1:$(PORT)/ (and a background worker)"; \
	$(PY) manage.py run_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn --config gunicorn.conf.py kzunesco_site.wsgi

# Generated records on top of the documents' (ITEMS heritage items, a fifth as many
# events, a tenth as many publications; slugs start with demo-). ITEMS=0 removes them.
ITEMS ?= 10000
demo-data: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_documents
	$(PY) manage.py demo_data --heritage-items $(ITEMS)

# Every figure of benchmarks/README.md (details in benchmarks/results/), each against its baseline measured in the same
# run, on SQLite and PostgreSQL (about an hour and a half on two cores): page weights;
# requests/s, p50 and p99 of the public pages against a hello-world view, cached and
# uncached (rewrites its table); each page type on the shipped data and at 100 times
# the data; imports against bulk_create; Lighthouse in Debian's chromium (rewrites its
# table); a mixed load with the database restarted in the middle. A missed target
# is reported and the next benchmark still runs.
bench: $(VENV)/.installed
	-$(PY) benchmarks/page_weight.py
	-$(PY) benchmarks/http_load.py --write-readme
	-$(PY) benchmarks/scale.py
	-$(PY) benchmarks/scale.py --database-url postgres://postgres@127.0.0.1:5432/kzunesco_bench_scale
	-$(PY) benchmarks/import_speed.py
	-$(PY) benchmarks/import_speed.py --database-url postgres://postgres@127.0.0.1:5432/kzunesco_bench
	-$(PY) benchmarks/lighthouse.py --write-readme
	-$(PY) benchmarks/load_faults.py

# The suite in TEST_WORKERS processes (one per core by default; TEST_WORKERS=0 runs it in
# this process, as a debugger wants). A test file's tests stay in one process.
TEST_WORKERS ?= auto
test: $(VENV)/.installed-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Mutation testing of the code that keeps the README's promises (docs/testing.md); not CI.
# mutmut changes each function below in small ways and runs the tests that reach it: a
# change that no test notices has "survived". Every named mutant is tested anew, in one
# child process (the machine is shared); a summary per module and the mutants that were not
# killed follow. MUTATE narrows it to a module (MUTATE=caching/pagecache.py) or to
# mutmut's names (MUTATE='caching.pagecache.x_current_state*').
MUTATION_MUTANTS := \
	editorial.services.* \
	core.models.x_published_q__mutmut_* \
	core.models.x_scheduled_q__mutmut_* \
	core.models.x*PublishableQuerySet*published__mutmut_* \
	core.models.x*PublishableQuerySet*scheduled__mutmut_* \
	editorial.admin.x*PublicRecordAdmin*has_publish_permission__mutmut_* \
	editorial.admin.x*PublicRecordAdmin*has_change_permission__mutmut_* \
	editorial.admin.x*PublicRecordAdmin*has_delete_permission__mutmut_* \
	editorial.admin.x*PublicRecordAdmin*get_readonly_fields__mutmut_* \
	editorial.admin.x*PublicRecordAdmin*formfield_for_choice_field__mutmut_* \
	editorial.admin.x*TranslatedHistoryAdmin*history_form_view__mutmut_* \
	editorial.admin.x*TranslatedHistoryAdmin*revert_disabled__mutmut_* \
	caching.pagecache.* \
	archive.services.* \
	archive.row_checks.* \
	archive.applying.* \
	archive.undo.*
MUTATE ?=
MUTATION_SELECTED = $(if $(MUTATE),$(or $(filter $(subst /,.,$(MUTATE:.py=)).%,$(MUTATION_MUTANTS)),$(MUTATE)),$(MUTATION_MUTANTS))
define MUTATION_REPORT
import collections, fnmatch, re, sys
patterns = sys.argv[1:]
rows = [line.strip().rsplit(": ", 1) for line in sys.stdin if ": " in line]
rows = [(name, status) for name, status in rows if any(fnmatch.fnmatch(name, p) for p in patterns)]
by_module = collections.defaultdict(collections.Counter)
for name, status in rows:
    by_module[re.split(r"\.x[_\u01c1]", name)[0]][status] += 1
print("\nMutants per module (total: killed, survived, other)")
for module, counts in sorted(by_module.items()):
    other = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in ("killed", "survived"))
    total = sum(counts.values())
    print(f"  {module}: {total}: {counts['killed']} killed, {counts['survived']} survived" + (f", {other}" if other else ""))
print("\nNot killed (`.venv/bin/mutmut show NAME` shows the change):")
print("\n".join(f"  {name}: {status}" for name, status in rows if status != "killed") or "  none")
endef
export MUTATION_REPORT
mutation: $(VENV)/.installed-test
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-mutation.txt
	$(VENV)/bin/mutmut run --max-children 1 $(foreach m,$(MUTATION_SELECTED),'$(m)')
	@$(VENV)/bin/mutmut results --all true | $(PY) -c "$$MUTATION_REPORT" $(foreach m,$(MUTATION_SELECTED),'$(m)')

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
	$(PY) manage.py makemessages -l kk -l ru --ignore=.venv --ignore=staticfiles --ignore=benchmarks --ignore=tests --ignore=mutants --no-location
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
