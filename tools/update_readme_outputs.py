#!/usr/bin/env python3
"""Replaces the README's output tables (from '#### yearly.csv' to the next '## ' heading) with
`ccsim schema --outputs` (the docs test checks they agree). usage: tools/update_readme_outputs.py [CCSIM]"""
import subprocess, sys
ccsim = sys.argv[1] if len(sys.argv) > 1 else "build/cli/ccsim"
ref = subprocess.run([ccsim, "schema", "--outputs"], check=True, capture_output=True, text=True).stdout
text = open("README.md").read()
start = text.index("#### yearly.csv")
end = text.index("\n## ", start) + 1
open("README.md", "w").write(text[:start] + ref + text[end:])
