"""Build src/quotex/lexicons/first_names.tsv from Faker's person providers.

Speaker resolution needs the gender of a person ("er"/"sie" -> the most
recent compatible person) and most news names are introduced with a first
name. Faker (MIT) ships male and female first names for many locales; we
keep the Latin-script ones, and a name's gender is the one most locales
agree on (German-speaking locales count three times, since German usage
decides e.g. "Andrea"). Names without a clear majority are left out.

Run: python training/lexicons/build_first_names.py  (needs the ``train`` extra)
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from pathlib import Path

import faker
import faker.config

OUT = Path(__file__).resolve().parents[2] / "src" / "quotex" / "lexicons" / "first_names.tsv"
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ž][A-Za-zÀ-ÖØ-öø-ž'\-]+$")
GERMAN = ("de", "de_AT", "de_CH", "de_DE", "de_LI", "de_LU")


def votes() -> tuple[Counter[str], Counter[str], set[str]]:
    male: Counter[str] = Counter()
    female: Counter[str] = Counter()
    locales: set[str] = set()
    for locale in sorted(faker.config.AVAILABLE_LOCALES):
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        weight = 3 if locale in GERMAN else 1
        for names, counter in ((getattr(provider, "first_names_male", ()), male),
                               (getattr(provider, "first_names_female", ()), female)):
            usable = {n.strip() for n in names if LATIN.match(n.strip())}
            if usable:
                locales.add(locale)
            for name in usable:
                counter[name] += weight
    return male, female, locales


def main() -> None:
    male, female, locales = votes()
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male[name], female[name]
        if m >= 2 * f:
            rows.append(f"{name}\tMasc")
        elif f >= 2 * m:
            rows.append(f"{name}\tFem")
    header = [
        "# First names with grammatical gender of their bearer (Masc/Fem), tab-separated.",
        f"# Derived from Faker {faker.VERSION} (MIT, https://github.com/joke2k/faker) person providers,",
        f"# Latin-script names of {len(locales)} locales; gender by majority of locales (German ones weigh 3x),",
        "# names without a 2:1 majority left out. Rebuild: python training/lexicons/build_first_names.py",
    ]
    OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
