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

.PHONY: html devserver serve publish test bench status translations placeholders clean post translate newsletter

$(BIN)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The checkers the tests run (W3C Nu HTML Checker, axe-core), from npm.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Placeholder photographs the exhibitions list, made once (not committed).
placeholders: $(BIN)/.installed
	$(BIN)/python -m tools.placeholders $(INPUTDIR)

html: placeholders
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

# Rebuilds on every change, reloads the open page, shows a failed build's errors in it.
devserver: placeholders
	$(BIN)/python -m tools.devserver --content $(INPUTDIR) --output $(OUTPUTDIR) --settings $(CONFFILE) --host $(HOST) --port $(PORT)

serve: placeholders
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(HOST) -p $(PORT)

# Strict build with publishconf.py into public/, the checks, then the deploy
# configured in publishconf.py; a failed step sends nothing.
publish: placeholders node_modules/.installed
	$(BIN)/python -m tools.publish --content $(INPUTDIR) --settings $(PUBLISHCONF) $(if $(DEPLOY_TARGET),--target "$(DEPLOY_TARGET)")

# Needs Chromium at /usr/bin/chromium and a Java runtime (.ci/run installs both).
test: placeholders node_modules/.installed
	$(BIN)/python -m pytest

# A new post: asks for its title, section and language (or TITRE=, RUBRIQUE=, LANGUE=).
post: $(BIN)/.installed
	@$(BIN)/python -m tools.new_post $(if $(TITRE),--titre "$(TITRE)") $(if $(RUBRIQUE),--rubrique "$(RUBRIQUE)") $(if $(LANGUE),--langue "$(LANGUE)")

# The translation of a post or page, beside it: make translate FICHIER=content/news/….fr.md [LANGUE=es]
translate: $(BIN)/.installed
	@$(BIN)/python -m tools.translate $(if $(FICHIER),"$(FICHIER)") $(if $(LANGUE),--langue "$(LANGUE)")

# Email-ready digests (HTML and text, per language) of what was published since SINCE=AAAA-MM-JJ.
newsletter: placeholders
	@$(BIN)/python -m tools.newsletter $(if $(SINCE),--since "$(SINCE)")

status: $(BIN)/.installed
	$(BIN)/python -m tools.status

# Re-extract the interface strings from the templates and merge them into
# every language's catalogue; then translate the empty msgstr entries.
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching

bench: placeholders
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python -m bench.build_times
	$(BIN)/python -m bench.image_rebuild

clean:
	rm -rf $(OUTPUTDIR) cache .output-*
