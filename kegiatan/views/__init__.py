"""Pages of the kegiatan app, one module per area; each module ends with its `urls` list."""
