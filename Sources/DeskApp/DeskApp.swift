// DeskApp: see ../../../shared/STYLE.md
