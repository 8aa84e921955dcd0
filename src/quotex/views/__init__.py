"""Ways to look at records: in the terminal (``show``), as an HTML report and as statistics.

They read records as ``quotex extract`` writes them (JSON Lines), so they work
on any earlier run's output as well as on fresh results; the article texts
the offsets point into come from the records' sources or from a documents
file (JSON Lines of source, doc_id, title, date, url, text).
"""
