"""FilterSets of the kegiatan list pages, one module per area."""
