"""Stories across outlets: what the online clusterer compares (``profile``) and how it decides
(``decision``, fitted by ``benchmarks/fit_stories.py``). The store applies them as articles
arrive (``store.stories``); nothing here reads the analysis stages, so the store can."""
