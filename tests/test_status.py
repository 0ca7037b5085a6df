"""`make status`: translation coverage per section and language."""

import subprocess
import sys

from sitebuild import ROOT, make_content


def test_status_counts_items_and_lists_what_lacks_a_translation(tmp_path):
    content = make_content(tmp_path, {
        "news/2025-03-01-seul.fr.md": "Title: Seul\nCategory: Plaidoyer\n\nTexte.\n",
        "news/2025-03-02-paire.fr.md": "Title: Paire\n\nTexte.\n",
        "news/2025-03-02-paire.es.md": "Title: Par\n\nTexto.\n",
        "news/2025-03-03-delegation.fr.md": "Title: Délégation\nCategory: Délégations\n\nTexte.\n",
        "news/2025-03-03-delegation.es.md": "Title: Delegación\n\nTexto.\n",
        "pages/contact.es.md": "Title: Contacto\n\nTexto.\n",
    })
    result = subprocess.run([sys.executable, "-m", "tools.status", str(content)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[3:7] if line.strip()}
    assert rows["Nouvelles"] == ["1", "1"]
    assert rows["Délégations"] == ["1", "1"]
    assert rows["Plaidoyer"] == ["1", "0"]
    assert rows["Pages"] == ["0", "1"]
    assert "manque en « es » : " in result.stdout and "news/2025-03-01-seul.fr.md" in result.stdout
    assert "manque en « fr » : " in result.stdout and "pages/contact.es.md" in result.stdout
    assert "paire" not in result.stdout
