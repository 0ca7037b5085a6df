# Pelican's usual targets; each one sets up .venv from the pinned
# requirements first, so a fresh clone needs nothing else.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000

# What an author types on make's command line (make post TITRE="Gagner 15 $ de l'heure",
# make publish DEPLOY_TARGET=…) reaches the commands exactly as typed, as environment
# variables: make does not expand it and no shell ever reads it.
AUTHOR_VALUES := TITRE RUBRIQUE LANGUE FICHIER SINCE DEPLOY_TARGET
$(foreach name,$(AUTHOR_VALUES),$(eval override $(name) := $$(value $(name))))
export $(AUTHOR_VALUES)

.PHONY: html devserver serve publish test test-fast bench status translations placeholders clean post translate newsletter system-packages screenshots lighthouse

$(BIN)/.installed: requirements.txt
	@echo "Environnement Python : création et installation des paquets de requirements.txt (1 à 3 minutes la première fois)…"
	@$(PY) -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# The checkers the tests run (W3C Nu HTML Checker, axe-core), from npm.
node_modules/.installed: package.json package-lock.json
	@echo "L'éditeur web et les vérificateurs des pages (W3C, axe-core) depuis npm (une à deux minutes la première fois)…"
	@npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# What the tests need from the system (Chromium, Java, nginx…): installed by
# tools/system-packages.sh as root on Debian, else it says the command to run.
system-packages:
	@tools/system-packages.sh

# Placeholder photographs the exhibitions list, made once (not committed); looked for again only
# when a data file has changed since (the stamp in cache/make/), so that a build with nothing new starts
# at once. Not at the top of cache/: a build discards any file there its last build did not seal.
PLACEHOLDER_STAMP := cache/make/placeholders-$(subst /,-,$(INPUTDIR)).stamp
placeholders: $(PLACEHOLDER_STAMP)
$(PLACEHOLDER_STAMP): $(BIN)/.installed tools/placeholders.py $(shell find $(INPUTDIR) -name '*.yml' -o -name '*.csv' 2>/dev/null)
	@$(BIN)/python -m tools.placeholders $(INPUTDIR)
	@mkdir -p $(dir $@) && touch $@

# Every build goes through tools/build.py: a failed build changes nothing and says why, in French.
html: placeholders node_modules/.installed
	@$(BIN)/python -m tools.build --content $(INPUTDIR) --output $(OUTPUTDIR) --settings $(CONFFILE)

# Rebuilds on every change, reloads the open page, shows a failed build's errors in it.
devserver: placeholders node_modules/.installed
	@$(BIN)/python -m tools.devserver --content $(INPUTDIR) --output $(OUTPUTDIR) --settings $(CONFFILE) --host $(HOST) --port $(PORT)

serve: html
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(HOST) -p $(PORT)

# Strict build with publishconf.py into public/, the checks, then the deploy
# configured in publishconf.py; a failed step sends nothing.
publish: placeholders node_modules/.installed
	@$(BIN)/python -m tools.publish --content $(INPUTDIR) --settings $(PUBLISHCONF)

# Installs what it needs first (system packages, Python environment, npm checkers), checks
# the code (ruff), then runs every test, the test files spread over every core.
test: system-packages placeholders node_modules/.installed
	$(BIN)/ruff check
	$(BIN)/python -m pytest -n auto --dist loadfile

# Full-page pictures of every page kind, in each language, at 375 and 1280 px, into screenshots/ (not committed).
screenshots: html system-packages
	@$(BIN)/python -m tools.screenshots --site $(OUTPUTDIR) --into screenshots

# Lighthouse's mobile scores of every page kind, in each language, against the budgets (bench/lighthouse.py).
bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	@echo "Lighthouse depuis npm (une minute la première fois)…"
	@cd bench/lighthouse && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: html system-packages bench/lighthouse/node_modules/.installed
	@$(BIN)/python -m bench.lighthouse --site $(OUTPUTDIR)

# Before each commit: the code check and the unit and in-process tests (tests/unit), in seconds
# (some build the small test site, whose editor page needs the npm packages).
test-fast: $(BIN)/.installed node_modules/.installed
	$(BIN)/ruff check
	$(BIN)/python -m pytest -q tests/unit

# A new post: asks for its title, section and language (or TITRE=, RUBRIQUE=, LANGUE=).
post: $(BIN)/.installed
	@$(BIN)/python -m tools.new_post

# The translation of a post or page, beside it: make translate FICHIER=content/news/….fr.md [LANGUE=es]
translate: $(BIN)/.installed
	@$(BIN)/python -m tools.translate

# Email-ready digests (HTML and text, per language) of what was published since SINCE=AAAA-MM-JJ.
newsletter: placeholders
	@$(BIN)/python -m tools.newsletter

status: $(BIN)/.installed
	@$(BIN)/python -m tools.status

# Re-extract the interface strings from the templates and merge them into
# every language's catalogue; then translate the empty msgstr entries.
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location --omit-header -w 120 .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching -w 120

# What the tests need from the system (edit_reload drives Chromium too) and Hugo, one of the builds
# bench/build_times.py compares ours with: tools/system-packages.sh bench installs them as root on Debian,
# else it says the command to run.
bench: placeholders
	@tools/system-packages.sh bench
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python -m bench.build_times
	$(BIN)/python -m bench.image_rebuild
	$(BIN)/python -m bench.edit_reload
	$(BIN)/python -m bench.image_encoders

clean:
	rm -rf $(OUTPUTDIR) cache .$(OUTPUTDIR)-staging-* .$(OUTPUTDIR)-previous .$(OUTPUTDIR)-discarded-*
