"""A small made-up teaching kit, for tests that need one they can break."""

import yaml

from sitebuild import make_content
from tools.placeholders import kit_placeholders


def resource(rid, kind, files, pages=4):
    return {"id": rid, "kind": kind, "title": {"fr": f"Titre {rid}", "es": f"Título {rid}"},
            "description": {"fr": f"Description {rid}", "es": f"Descripción {rid}"},
            "files": files, "pages": pages}


def question(number, correct=(2,), choices=3):
    return {"question": {"fr": f"Question {number} ?", "es": f"¿Pregunta {number}?"},
            "choices": [{"fr": f"Choix {c}", "es": f"Opción {c}"} for c in range(1, choices + 1)],
            "correct": list(correct),
            "explanation": {"fr": f"Explication {number}.", "es": f"Explicación {number}."}}


def make_site(tmp_path, resources=None, questions=None, **kit_changes):
    content = make_content(tmp_path, {
        "news/2025-01-01-nouvelle.fr.md": "Title: Nouvelle\n\nTexte.\n",
        "pages/trousses-pedagogiques.fr.md": "Title: Trousses pédagogiques\nSlug: trousses-pedagogiques\n\nTexte.\n",
    })
    folder = content / "kits" / "demo"
    folder.mkdir(parents=True)
    kit = {
        "cover": "cover.placeholder.jpg", "cover_alt": {"fr": "Couverture provisoire", "es": "Portada provisional"},
        "audience": {"fr": "Élèves du secondaire", "es": "Estudiantes de secundaria"}, "age_min": 14,
        "subjects": ["textile", "environnement"], "time_minutes": 75,
        "licence": "https://creativecommons.org/licenses/by-nc-nd/4.0/", "published": "2022-11",
        "resources": resources if resources is not None else [
            resource("bd", "comic", {"fr": "files/bd.fr.pdf"}),  # the real document (the quiz's are stand-ins)
            resource("quiz", "quiz", {"fr": "files/quiz.fr.placeholder.pdf", "es": "files/quiz.es.placeholder.pdf"}, 3),
        ],
    }
    kit.update(kit_changes)
    (folder / "kit.yml").write_text(yaml.safe_dump(kit, allow_unicode=True))
    quiz = {"title": {"fr": "Avez-vous bien lu ?", "es": "¿Leyó con atención?"},
            "questions": questions if questions is not None else [question(1), question(2, correct=(1, 3)), question(3)]}
    (folder / "quiz.yml").write_text(yaml.safe_dump(quiz, allow_unicode=True))
    (folder / "index.fr.md").write_text("Title: Trousse démo\nSlug: demo\nSummary: Une trousse.\n\nTexte.\n")
    (folder / "index.es.md").write_text("Title: Material demo\nSlug: demo-es\nSummary: Un material.\n\nTexto.\n")
    kit_placeholders(str(content))
    from small_site import pdf  # here: small_site builds its kit with this module's helpers

    pdf(folder / "files" / "bd.fr.pdf", pages=12)
    return content
