"""Places: a world gazetteer (countries, first-level subdivisions, towns) with Myanmar in MIMU
p-code detail, and a fast matcher for place names in English text."""
from .gazetteer import Gazetteer, country_of_text, gazetteer
from .model import LEVELS, Place, PlaceMention

__all__ = ["Gazetteer", "LEVELS", "Place", "PlaceMention", "country_of_text", "gazetteer"]
