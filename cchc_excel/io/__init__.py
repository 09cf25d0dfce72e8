"""Files: the one reader for outside workbooks, the plan reader, the master file, annotated copies, LibreOffice."""
