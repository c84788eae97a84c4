# hr_ai_interview — the two commands of the README, plus benchmarks.
PY ?= python3

.PHONY: run test bench
run:  ## private PostgreSQL + Odoo 18 with the addon and demo data on 127.0.0.1:$(PORT)
	$(PY) tools/run_server.py $(if $(PORT),--port $(PORT),)

test: ## pure tests, then the addon's Odoo tests in a throwaway database, then install/upgrade/uninstall
	$(PY) tools/run_tests.py

bench: ## scoring, report and portal benchmarks (numbers and ratios against same-run baselines)
	@for b in bench/*_bench.py; do echo "== $$b"; $(PY) $$b || exit 1; done
