"""Indonesian personal names with titles and degrees."""

import re

GELAR_DEPAN = re.compile(r"^[A-Z][a-z]*\.$")  # Drs., Dr., Hj., H.


def pisah_nama(nama: str) -> tuple[str, str]:
    """first_name/last_name from a full name with titles, so that get_full_name() gives it back unchanged:
    "Drs. Bambang Suharto, M.Pd" → ("Drs. Bambang", "Suharto, M.Pd"); a single name stays in first_name."""
    inti, koma, gelar = nama.partition(",")
    kata = inti.split()
    i = next((n for n, k in enumerate(kata) if not GELAR_DEPAN.match(k)), len(kata))
    if len(kata) - i < 2:
        return nama, ""
    return " ".join(kata[: i + 1]), " ".join(kata[i + 1 :]) + koma + gelar
