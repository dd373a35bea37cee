"""Read the packaged YAML files (catalogues, lexicons, phrasings) one way.

libyaml's loader when PyYAML was built with it: the red-flag catalogue and phrasings are
about 500 KB, which the pure-Python loader read in ~3.5 s at every start and libyaml in a
tenth of that. Both are the safe loader: plain data only.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def parse_yaml(text: str) -> Any:
    """The plain data in ``text`` (raises ``YAMLError`` when it is not YAML)."""
    return yaml.load(text, Loader=SafeLoader)
