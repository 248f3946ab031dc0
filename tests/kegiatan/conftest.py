"""The kegiatan world: the roles of tests/dunia.py plus a planned meeting of KKG A and one of KKG B."""

import pytest

from tests.factories_kegiatan import PertemuanFactory, ProgramKerjaFactory


@pytest.fixture
def program_a(dunia):
    return ProgramKerjaFactory(kelompok=dunia.kelompok_a, nama="BATIK", kepanjangan="Berbagi Praktik Baik")


@pytest.fixture
def pertemuan_a(dunia, program_a):
    return PertemuanFactory(kelompok=dunia.kelompok_a, program=program_a, topik="Analisis CP Fase A")


@pytest.fixture
def pertemuan_b(dunia):
    return PertemuanFactory(kelompok=dunia.kelompok_b, topik="Pertemuan KKG B")
